package codestral.lsp.protocol;

import static codestral.lsp.protocol.InProcessServer.edit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.InlineCompletionContext;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InlineCompletionParams;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spending few upstream calls, through JSON-RPC in-process: streaming cut short, cancellation
 * reaching the HTTP connection, debounce, the cache and typed-ahead reuse. Assertions are on what
 * crossed the wire (call counts, connection ends), never on timing.
 */
class FastAndFrugalTest {
  private static final String URI = "file:///work/project/main.py";

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  private static CompletableFuture<Either<List<InlineCompletionItem>, InlineCompletionList>>
      inlineAsync(InProcessServer lsp, int line, int character, InlineCompletionTriggerKind kind) {
    return lsp.server()
        .getTextDocumentService()
        .inlineCompletion(
            new InlineCompletionParams(
                new TextDocumentIdentifier(URI),
                new Position(line, character),
                new InlineCompletionContext(kind)));
  }

  private static List<InlineCompletionItem> items(
      Either<List<InlineCompletionItem>, InlineCompletionList> result) {
    if (result == null) {
      return List.of();
    }
    return result.isRight() ? result.getRight().getItems() : result.getLeft();
  }

  private static String insertText(InlineCompletionList list) {
    assertThat(list.getItems()).hasSize(1);
    return list.getItems().get(0).getInsertText().getLeft();
  }

  @Test
  void cancellingARequestAbortsItsHttpCall() throws Exception {
    // 150 tokens on one line, 100 ms apart: nothing decides the answer before the cancel does.
    fake.enqueueStreamed("1 + ".repeat(150), 100);
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "x = ");
      var pending = inlineAsync(lsp, 0, 4, InlineCompletionTriggerKind.Invoked);
      assertThat(fake.takeRequest().body().path("stream").asBoolean()).isTrue();
      pending.cancel(true); // LSP4J sends $/cancelRequest
      assertThat(fake.awaitStreamEnd()).isEqualTo(FakeCodestral.StreamEnd.ABORTED);
      assertThat(lsp.isAlive()).isTrue();
    }
  }

  @Test
  void aMidLineSuggestionStopsTheStreamAtTheFirstLineBreak() throws Exception {
    fake.enqueueStreamed("a, b)\nprint(\"and then some\")\n".repeat(20), 50);
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "print( + 1)\n");
      InlineCompletionList list = lsp.inline(URI, 0, 6);
      var body = fake.takeRequest().body();
      assertThat(body.path("stop").toString()).contains("\\n");
      assertThat(insertText(list)).isEqualTo("print(a, b)");
      assertThat(fake.awaitStreamEnd()).isEqualTo(FakeCodestral.StreamEnd.ABORTED);
    }
  }

  @Test
  void aTypingBurstOfAutomaticRequestsMakesAtMostThreeCallsAndEndsWithASuggestion()
      throws Exception {
    fake.streamByDefault(" * 2", 10);
    String typed = "compute_total(items, tax_rate, discount)";
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      // A fixed 300 ms debounce and keys sent as fast as the client writes them: a burst, whatever
      // the machine's load. How the adaptive delay follows a typist's gaps is shown with a fake
      // clock in AdaptiveDebounceTest.
      lsp.initialize(
          List.of("utf-16"),
          Map.of("codestral", Map.of("debounceMs", 300, "adaptiveDebounce", false)));
      lsp.open(URI, "python", "result = \n");
      List<CompletableFuture<Either<List<InlineCompletionItem>, InlineCompletionList>>> answers =
          new ArrayList<>();
      int column = "result = ".length();
      for (char key : typed.toCharArray()) {
        lsp.change(URI, edit(0, column, 0, column, String.valueOf(key)));
        column++;
        answers.add(inlineAsync(lsp, 0, column, InlineCompletionTriggerKind.Automatic));
      }
      var last = InProcessServer.await(answers.get(answers.size() - 1));
      for (var answer : answers.subList(0, answers.size() - 1)) {
        InProcessServer.await(answer); // superseded ones answer (empty), none hangs
      }
      assertThat(typed.length()).isGreaterThanOrEqualTo(30);
      assertThat(items(last)).hasSize(1);
      assertThat(items(last).get(0).getInsertText().getLeft())
          .isEqualTo("result = " + typed + " * 2");
      assertThat(fake.drainRequests()).hasSizeBetween(1, 3);
    }
  }

  @Test
  void typingThreeCharactersOfAShownSuggestionMakesNoCallAndStillCompletesTheLine()
      throws Exception {
    fake.enqueueStreamed("a + b", 10);
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def add(a, b):\n    return \n");
      assertThat(insertText(lsp.inline(URI, 1, 11))).isEqualTo("    return a + b");
      int column = 11;
      for (String key : List.of("a", " ", "+")) {
        lsp.change(URI, edit(1, column, 1, column, key));
        column++;
        InlineCompletionList list =
            lsp.inline(URI, 1, column, InlineCompletionTriggerKind.Automatic);
        assertThat(insertText(list)).isEqualTo("    return a + b");
        assertThat(list.getItems().get(0).getRange().getEnd()).isEqualTo(new Position(1, column));
      }
      assertThat(fake.drainRequests()).hasSize(1);
    }
  }

  @Test
  void aRepeatedRequestIsACacheHit() throws Exception {
    fake.streamByDefault("42", 5);
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "x = \n");
      String first = insertText(lsp.inline(URI, 0, 4));
      String second = insertText(lsp.inline(URI, 0, 4));
      assertThat(first).isEqualTo(second).isEqualTo("x = 42");
      assertThat(fake.drainRequests()).hasSize(1);
    }
  }

  @Test
  void theConnectionIsWarmedUpWithoutAFimCall() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      assertThat(fake.awaitWarmUp()).isTrue();
      assertThat(fake.requestCount()).isZero();
      assertThat(fake.drainRequests()).isEmpty();
    }
  }
}
