package codestral.lsp.protocol;

import static codestral.lsp.protocol.InProcessServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both result shapes and the acceptance feedback over JSON-RPC in-process: what the editor gets for
 * a raw answer of the fake, and what {@code codestral/stats} says after the editor reports back.
 */
class SuggestionShapesProtocolTest {
  private static final String URI = "file:///work/project/shapes.py";
  private static final String ACCEPT = "codestral.acceptCompletion";

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void asYouTypeGetsOneInlineItemThatMergesTheClosingParenInsteadOfDoublingIt() throws Exception {
    fake.enqueueCompletion("\"hello\")\nprint(x)");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "x = 1\nprint()\n");
      InlineCompletionList list = lsp.inline(URI, 1, 6, InlineCompletionTriggerKind.Automatic);

      assertThat(list.getItems()).hasSize(1);
      InlineCompletionItem item = list.getItems().get(0);
      assertThat(item.getInsertText().getLeft()).isEqualTo("print(\"hello\")");
      assertThat(item.getRange()).isEqualTo(new Range(new Position(1, 0), new Position(1, 7)));
      assertThat(item.getCommand().getCommand()).isEqualTo(ACCEPT);
      assertThat(item.getCommand().getArguments()).hasSize(1);
    }
  }

  @Test
  void invokedGetsTheBlockAndItsFirstLineAsTwoCandidates() throws Exception {
    fake.enqueueCompletion(
        "s = 0\n    for x in xs:\n        s += x\n    return s\n\nprint(total([1]))");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def total(xs):\n    \n");
      InlineCompletionList list = lsp.inline(URI, 1, 4, InlineCompletionTriggerKind.Invoked);

      assertThat(list.getItems())
          .extracting(item -> item.getInsertText().getLeft())
          .containsExactly(
              "    s = 0\n    for x in xs:\n        s += x\n    return s", "    s = 0");
      assertThat(list.getItems())
          .extracting(InlineCompletionItem::getRange)
          .containsOnly(new Range(new Position(1, 0), new Position(1, 4)));
      assertThat(list.getItems())
          .extracting(item -> id(item.getCommand().getArguments()))
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void aWhitespaceOnlyAnswerGivesNoItemInEitherShape() throws Exception {
    fake.setDefaultCompletion("   \n\t\n");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def f():\n    \n");
      assertThat(lsp.inline(URI, 1, 4).getItems()).isEmpty();
      CompletionList menu = lsp.completion(URI, 1, 4);
      assertThat(menu.getItems()).isEmpty();
      assertThat(menu.isIncomplete()).isTrue();
    }
  }

  @Test
  void theMenuItemIsLabelledByItsFirstLineAndShowsTheWholeSuggestion() throws Exception {
    fake.setDefaultCompletion("result = a * b\n    return result\n\nprint(f(1, 2))");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def f(a, b):\n    \n");
      CompletionList list = lsp.completion(URI, 1, 4);

      assertThat(list.isIncomplete()).isTrue();
      assertThat(list.getItems()).hasSize(2);
      CompletionItem item = list.getItems().get(0);
      assertThat(item.getLabel()).isEqualTo("result = a * b");
      assertThat(item.getFilterText()).isEqualTo("result = a * b");
      assertThat(item.getPreselect()).isTrue();
      assertThat(item.getSortText()).isLessThan(list.getItems().get(1).getSortText());
      assertThat(item.getTextEdit().getLeft().getNewText())
          .isEqualTo("result = a * b\n    return result");
      assertThat(item.getTextEdit().getLeft().getRange())
          .isEqualTo(new Range(new Position(1, 4), new Position(1, 4)));
      assertThat(item.getDocumentation().getRight().getValue())
          .isEqualTo("```python\nresult = a * b\n    return result\n```");
      assertThat(item.getCommand().getCommand()).isEqualTo(ACCEPT);
    }
  }

  @Test
  void initializeAdvertisesTheAcceptCommand() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      assertThat(lsp.initialize().getCapabilities().getExecuteCommandProvider().getCommands())
          .contains(ACCEPT);
    }
  }

  @Test
  void statsStartAtZero() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      JsonObject stats = stats(lsp);
      assertThat(stats.getAsJsonObject("total").get("offered").getAsLong()).isZero();
      assertThat(stats.getAsJsonObject("total").get("acceptanceRate").getAsDouble()).isZero();
      assertThat(stats.getAsJsonObject("byLanguage").size()).isZero();
    }
  }

  @Test
  void shownPartlyAcceptedAndAcceptedReportsAreCountedPerLanguage() throws Exception {
    fake.setDefaultCompletion("42");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "x = ");
      InlineCompletionItem item = lsp.inline(URI, 0, 4).getItems().get(0);
      String id = id(item.getCommand().getArguments());
      JsonObject echoed = itemAsClientsEchoIt(item.getInsertText().getLeft(), id);

      // Shown twice (a redraw), counted once.
      lsp.extensions().didShowCompletion(Map.of("item", echoed));
      lsp.extensions().didShowCompletion(Map.of("item", echoed));
      // "x = 4": one character of the suggestion.
      lsp.extensions().didPartiallyAcceptCompletion(Map.of("item", echoed, "acceptedLength", 5));
      await(
          lsp.server()
              .getWorkspaceService()
              .executeCommand(new ExecuteCommandParams(ACCEPT, List.of(id))));

      JsonObject python = stats(lsp).getAsJsonObject("byLanguage").getAsJsonObject("python");
      assertThat(python.get("offered").getAsLong()).isEqualTo(1);
      assertThat(python.get("shown").getAsLong()).isEqualTo(1);
      assertThat(python.get("partiallyAccepted").getAsLong()).isEqualTo(1);
      assertThat(python.get("accepted").getAsLong()).isEqualTo(1);
      assertThat(python.get("acceptedCharacters").getAsLong()).isEqualTo(2);
      assertThat(python.get("acceptanceRate").getAsDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void aClientThatDropsTheCommandIsMatchedByInsertTextAndMalformedReportsAreIgnored()
      throws Exception {
    fake.setDefaultCompletion("42");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "x = ");
      String insertText = lsp.inline(URI, 0, 4).getItems().get(0).getInsertText().getLeft();

      lsp.extensions().didShowCompletion(JsonParser.parseString("[\"not\", \"an\", \"object\"]"));
      lsp.extensions()
          .didShowCompletion(
              Map.of("item", Map.of("insertText", Map.of("kind", "snippet", "value", insertText))));
      lsp.extensions()
          .didPartiallyAcceptCompletion(Map.of("item", Map.of("insertText", insertText)));

      JsonObject total = stats(lsp).getAsJsonObject("total");
      assertThat(total.get("shown").getAsLong()).isEqualTo(1);
      assertThat(total.get("partiallyAccepted").getAsLong())
          .as("no acceptedLength: not counted")
          .isZero();
      assertThat(lsp.isAlive()).isTrue();
      assertThat(lsp.log()).doesNotContain(FakeCodestral.KEY);
    }
  }

  private static JsonObject stats(InProcessServer lsp) {
    return await(lsp.extensions().codestralStats());
  }

  /** The item as a Copilot-aware client sends it back: its insertText and its command. */
  private static JsonObject itemAsClientsEchoIt(String insertText, String id) {
    return JsonParser.parseString(
            "{\"insertText\":"
                + new com.google.gson.Gson().toJson(insertText)
                + ",\"command\":{\"title\":\"accepted\",\"command\":\""
                + ACCEPT
                + "\",\"arguments\":[\""
                + id
                + "\"]}}")
        .getAsJsonObject();
  }

  private static String id(List<Object> arguments) {
    Object argument = arguments.get(0);
    return argument instanceof JsonElement
        ? ((JsonElement) argument).getAsString()
        : String.valueOf(argument);
  }
}
