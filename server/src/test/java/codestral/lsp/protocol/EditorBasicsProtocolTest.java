package codestral.lsp.protocol;

import static codestral.lsp.protocol.InProcessServer.edit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every editor does first, over JSON-RPC in-process: initialize and its capabilities, the
 * position encoding, edits, both completion shapes, settings, a missing key. Moved from the child
 * tier's WalkingSkeletonTest, which keeps what only a process shows.
 */
class EditorBasicsProtocolTest {
  private static final String URI = "file:///work/project/main.py";

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void initializeAdvertisesInlineAndMenuCompletionWithIncrementalSync() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      InitializeResult result = lsp.initialize();
      var capabilities = result.getCapabilities();
      assertThat(capabilities.getInlineCompletionProvider().getLeft()).isTrue();
      assertThat(capabilities.getCompletionProvider()).isNotNull();
      var sync = capabilities.getTextDocumentSync().getRight();
      assertThat(sync.getOpenClose()).isTrue();
      assertThat(sync.getChange()).isEqualTo(TextDocumentSyncKind.Incremental);
      assertThat(capabilities.getPositionEncoding()).isEqualTo("utf-16");
      assertThat(result.getServerInfo().getName()).isEqualTo("codestral-lsp");
    }
  }

  @Test
  void positionEncodingIsTheClientsFirstKnownChoice() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      assertThat(
              lsp.initialize(List.of("utf-8", "utf-32", "utf-16"), null)
                  .getCapabilities()
                  .getPositionEncoding())
          .isEqualTo("utf-8");
    }
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      assertThat(
              lsp.initialize(List.of("x-unknown", "utf-32"), null)
                  .getCapabilities()
                  .getPositionEncoding())
          .isEqualTo("utf-32");
    }
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      assertThat(lsp.initialize(null, null).getCapabilities().getPositionEncoding())
          .isEqualTo("utf-16");
    }
  }

  @Test
  void editsThenInlineCompletionSendExactPrefixAndSuffixAndGiveTheFakesText() throws Exception {
    fake.enqueueCompletion("a + b");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def add(a, b):\n    return \n\nprint(add(1, 2))\n");
      // Multi-line insert above, a unicode line (emoji: two UTF-16 units; CJK) and a deletion.
      lsp.change(URI, edit(0, 0, 0, 0, "# 😀 加法\nimport os\n"));
      lsp.change(URI, edit(1, 0, 2, 0, ""), edit(0, 5, 0, 5, "!"));
      lsp.change(URI, edit(0, 6, 0, 6, "é"));
      String expected = "# 😀 !é加法\ndef add(a, b):\n    return \n\nprint(add(1, 2))\n";
      // Cursor after "return " on line 2.
      InlineCompletionList list = lsp.inline(URI, 2, 11);

      FakeCodestral.Received request = fake.takeRequest();
      assertThat(request.path()).isEqualTo("/v1/fim/completions");
      assertThat(request.authorization()).isEqualTo("Bearer " + FakeCodestral.KEY);
      assertThat(request.contentType()).startsWith("application/json");
      assertThat(request.body().path("model").asText()).isEqualTo("codestral-latest");
      int cursor = expected.indexOf("return ") + "return ".length();
      assertThat(request.prompt()).isEqualTo(expected.substring(0, cursor));
      assertThat(request.suffix()).isEqualTo(expected.substring(cursor));

      assertThat(list.getItems()).hasSize(1);
      InlineCompletionItem item = list.getItems().get(0);
      assertThat(item.getInsertText().getLeft()).isEqualTo("    return a + b");
      assertThat(item.getRange()).isEqualTo(new Range(new Position(2, 0), new Position(2, 11)));
    }
  }

  @Test
  void positionsCountInTheNegotiatedEncoding() throws Exception {
    fake.enqueueCompletion("🎉\")");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize(List.of("utf-8"), null);
      lsp.open(URI, "python", "s = \"😀\"\nprint(\"é\n");
      // In UTF-8, "😀" is 4 bytes: insert after it, inside the string.
      lsp.change(URI, edit(0, 9, 0, 9, "x"));
      // Line 1 is `print("é`, 9 bytes: character 10 is past its end, which means its end.
      InlineCompletionList list = lsp.inline(URI, 1, 10);
      FakeCodestral.Received request = fake.takeRequest();
      assertThat(request.prompt()).isEqualTo("s = \"😀x\"\nprint(\"é");
      assertThat(request.suffix()).isEqualTo("\n");
      InlineCompletionItem item = list.getItems().get(0);
      assertThat(item.getInsertText().getLeft()).isEqualTo("print(\"é🎉\")");
      assertThat(item.getRange()).isEqualTo(new Range(new Position(1, 0), new Position(1, 9)));
    }
  }

  @Test
  void fullDocumentChangesReplaceTheText() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "old text\n");
      lsp.change(URI, new TextDocumentContentChangeEvent("x = \ny = 2\n"));
      lsp.inline(URI, 0, 4);
      FakeCodestral.Received request = fake.takeRequest();
      assertThat(request.prompt()).isEqualTo("x = ");
      assertThat(request.suffix()).isEqualTo("\ny = 2\n");
    }
  }

  @Test
  void completionMenuGivesTheSameAnswerAsATextEdit() throws Exception {
    fake.setDefaultCompletion("t(a, b)\n    return result");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def f(a, b):\n    result = mul\n");
      CompletionList list = lsp.completion(URI, 1, 16);
      assertThat(list.isIncomplete()).isTrue();
      assertThat(list.getItems()).hasSize(1);
      CompletionItem item = list.getItems().get(0);
      assertThat(item.getLabel()).isEqualTo("mult(a, b)");
      var textEdit = item.getTextEdit().getLeft();
      // At the end of a statement that opens no block, post-processing keeps that statement only.
      assertThat(textEdit.getNewText()).isEqualTo("mult(a, b)");
      assertThat(textEdit.getRange())
          .isEqualTo(new Range(new Position(1, 13), new Position(1, 16)));
      assertThat(item.getDocumentation().getRight().getValue()).contains("mult(a, b)");
    }
  }

  @Test
  void settingsFromInitializationOptionsShapeTheRequest() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize(
          List.of("utf-16"),
          Map.of(
              "codestral",
              Map.of(
                  "model",
                  "codestral-2508",
                  "maxTokens",
                  64,
                  "temperature",
                  0.3,
                  "stop",
                  List.of("\n\n"))));
      lsp.open(URI, "python", "x = ");
      lsp.inline(URI, 0, 4);
      var body = fake.takeRequest().body();
      assertThat(body.path("model").asText()).isEqualTo("codestral-2508");
      assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
      assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
      assertThat(body.path("stop").get(0).asText()).isEqualTo("\n\n");
    }
  }

  @Test
  void didChangeConfigurationTakesEffectOnTheNextRequest() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.server()
          .getWorkspaceService()
          .didChangeConfiguration(
              new org.eclipse.lsp4j.DidChangeConfigurationParams(
                  Map.of("codestral", Map.of("model", "other-model"))));
      lsp.open(URI, "python", "x = ");
      lsp.inline(URI, 0, 4);
      assertThat(fake.takeRequest().body().path("model").asText()).isEqualTo("other-model");
    }
  }

  @Test
  void aBadSettingIsToldByNameAndThePreviousValueStays() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize(List.of("utf-16"), Map.of("codestral", Map.of("maxTokens", "lots")));
      List<MessageParams> shown = lsp.client.awaitShownMessages(1);
      assertThat(shown.get(0).getMessage()).contains("codestral.maxTokens");
      lsp.open(URI, "python", "x = ");
      lsp.inline(URI, 0, 4);
      assertThat(fake.takeRequest().body().path("max_tokens").asInt()).isEqualTo(128);
    }
  }

  @Test
  void missingKeyIsToldOnceByNameAndNothingIsSent() throws Exception {
    try (InProcessServer lsp =
        InProcessServer.start(Map.of("CODESTRAL_ENDPOINT", fake.endpoint()))) {
      lsp.initialize();
      List<MessageParams> shown = lsp.client.awaitShownMessages(1);
      assertThat(shown.get(0).getMessage()).contains("CODESTRAL_API_KEY");
      lsp.open(URI, "python", "x = ");
      for (int i = 0; i < 3; i++) {
        assertThat(lsp.inline(URI, 0, 4).getItems()).isEmpty();
        assertThat(lsp.completion(URI, 0, 4).getItems()).isEmpty();
      }
      assertThat(lsp.client.shownMessages).hasSize(1);
      assertThat(fake.requestCount()).isZero();
      assertThat(lsp.isAlive()).isTrue();
      assertThat(lsp.shutdownAndExit()).isZero();
    }
  }
}
