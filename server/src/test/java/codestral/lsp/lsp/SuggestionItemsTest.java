package codestral.lsp.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.completion.CompletionOutcome;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.feedback.SuggestionFeedback;
import codestral.lsp.postprocess.Suggestion;
import com.google.gson.JsonParser;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class SuggestionItemsTest {
  private final SuggestionFeedback feedback = new SuggestionFeedback();
  private final SuggestionItems items = new SuggestionItems(feedback);

  /** The outcome of suggestions at the {@code |} of the text. */
  private static CompletionOutcome outcome(String marked, Suggestion... suggestions) {
    int cursor = marked.indexOf('|');
    String text = marked.substring(0, cursor) + marked.substring(cursor + 1);
    return new CompletionOutcome(
        new DocumentSnapshot("file:///a.py", "python", 1, text), cursor, List.of(suggestions));
  }

  @Test
  void anInlineItemReplacesTheLineStartAndTheMergedTailAndCarriesTheAcceptCommand() {
    InlineCompletionItem item =
        items
            .inline(
                outcome("x = 1\n  print(|)\n", new Suggestion("\"a\")", 1)), PositionEncoding.UTF16)
            .getItems()
            .get(0);
    assertThat(item.getInsertText().getLeft()).isEqualTo("  print(\"a\")");
    assertThat(item.getRange()).isEqualTo(new Range(new Position(1, 0), new Position(1, 9)));
    assertThat(item.getCommand().getCommand()).isEqualTo(SuggestionItems.ACCEPT_COMMAND);
    assertThat(item.getCommand().getArguments()).hasSize(1);
    assertThat(feedback.stats().total().offered()).isEqualTo(1);
  }

  @Test
  void menuItemsStartAtTheWordShowTheWholeTextAndSortFirst() {
    List<CompletionItem> menu =
        items
            .menu(
                outcome(
                    "def f():\n    res|",
                    new Suggestion("ult = 1\n    return result", 0),
                    new Suggestion("ult = 1", 0)),
                PositionEncoding.UTF16)
            .getItems();
    CompletionItem first = menu.get(0);
    assertThat(first.getLabel()).isEqualTo("result = 1");
    assertThat(first.getFilterText()).isEqualTo("result = 1");
    assertThat(first.getTextEdit().getLeft().getRange())
        .isEqualTo(new Range(new Position(1, 4), new Position(1, 7)));
    assertThat(first.getTextEdit().getLeft().getNewText())
        .isEqualTo("result = 1\n    return result");
    assertThat(first.getDocumentation().getRight().getValue())
        .isEqualTo("```python\nresult = 1\n    return result\n```");
    assertThat(first.getDetail()).contains("2 lines");
    assertThat(first.getPreselect()).isTrue();
    assertThat(menu.get(1).getPreselect()).isFalse();
    assertThat(first.getSortText()).isLessThan(menu.get(1).getSortText()).isLessThan("a");
  }

  @Test
  void theSortTextIsTheSameWhateverTheDefaultLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
      List<CompletionItem> menu =
          items.menu(outcome("x = |", new Suggestion("1", 0)), PositionEncoding.UTF16).getItems();
      assertThat(menu.get(0).getSortText()).isEqualTo("!0000");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void aSuggestionStartingWithALineBreakIsLabelledByItsFirstLineWithText() {
    assertThat(SuggestionItems.label("\n    return 1")).isEqualTo("return 1");
  }

  @Test
  void theFenceIsLongerThanAnyBacktickRunInTheText() {
    assertThat(SuggestionItems.fenced("markdown", "```js\nx\n```"))
        .startsWith("````markdown\n")
        .endsWith("\n````");
  }

  @Test
  void theAcceptCommandAndTheCopilotNotificationsReachTheCounts() {
    InlineCompletionItem item =
        items
            .inline(outcome("x = |", new Suggestion("42", 0)), PositionEncoding.UTF16)
            .getItems()
            .get(0);
    String id = (String) item.getCommand().getArguments().get(0);
    AcceptanceFeedback acceptance = new AcceptanceFeedback(feedback, new PlacedItems(null));

    acceptance.didShowCompletion(
        JsonParser.parseString(
            "{\"item\":{\"insertText\":\"x = 42\",\"command\":{\"command\":\"codestral.acceptCompletion\",\"arguments\":[\""
                + id
                + "\"]}}}"));
    acceptance.didPartiallyAcceptCompletion(
        JsonParser.parseString("{\"item\":{\"insertText\":\"x = 42\"},\"acceptedLength\":5}"));
    acceptance
        .execute(
            new ExecuteCommandParams(
                SuggestionItems.ACCEPT_COMMAND, List.of(JsonParser.parseString("\"" + id + "\""))))
        .join();

    var counts = feedback.stats().byLanguage().get("python");
    assertThat(counts.shown()).isEqualTo(1);
    assertThat(counts.partiallyAccepted()).isEqualTo(1);
    assertThat(counts.accepted()).isEqualTo(1);
    assertThat(counts.acceptedCharacters()).isEqualTo(2);
  }

  @Test
  void malformedNotificationsAreIgnored() {
    AcceptanceFeedback acceptance = new AcceptanceFeedback(feedback, new PlacedItems(null));
    acceptance.didShowCompletion(JsonParser.parseString("[1, 2]"));
    acceptance.didShowCompletion(null);
    acceptance.didPartiallyAcceptCompletion(
        JsonParser.parseString(
            "{\"item\":{\"command\":{\"arguments\":[{}]}},\"acceptedLength\":\"x\"}"));
    assertThat(feedback.stats().total()).isEqualTo(codestral.lsp.feedback.SuggestionCounts.NONE);
  }

  @Test
  void anUnknownCommandIsAnInvalidParamsError() {
    var result =
        new AcceptanceFeedback(feedback, new PlacedItems(null))
            .execute(new ExecuteCommandParams("rm -rf", List.of()));
    assertThat(result).isCompletedExceptionally();
  }
}
