package codestral.lsp.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.completion.CompletionOutcome;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.feedback.SuggestionFeedback;
import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.postprocess.Suggestion;
import codestral.lsp.prompt.FimWindow;
import codestral.lsp.prompt.TokenEstimator;
import codestral.lsp.prompt.WindowBuilder;
import codestral.lsp.prompt.WorkspaceRoots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the golden corpus through the real chain: window, post-processing, inline and
 * menu items; then applies each item to the document the way an editor does (insertText over range,
 * newText over the textEdit's range) and compares the document with the expected one.
 */
class GoldenCorpusTest {
  private static final List<String> FILES =
      List.of(
          "python",
          "java",
          "javascript",
          "typescript",
          "go",
          "rust",
          "c",
          "kotlin",
          "ruby",
          "lua",
          "shellscript",
          "yaml",
          "css",
          "csharp",
          "php");

  @TestFactory
  Stream<DynamicTest> everyGoldenCaseGivesTheExpectedDocumentAfterAcceptance() throws IOException {
    return allCases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
  }

  @Test
  void theCorpusHasAtLeastTwoHundredFiftyCasesInFifteenLanguages() throws IOException {
    List<GoldenCase> cases = allCases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(250);
    assertThat(cases.stream().map(GoldenCase::languageId).distinct()).containsAll(FILES);
  }

  private static List<GoldenCase> allCases() throws IOException {
    List<GoldenCase> cases = new ArrayList<>();
    for (String language : FILES) {
      try (InputStream in =
          GoldenCorpusTest.class.getResourceAsStream("/golden/" + language + ".txt")) {
        assertThat(in).as("golden/%s.txt", language).isNotNull();
        cases.addAll(
            GoldenCase.parse(language, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return cases;
  }

  private static void check(GoldenCase golden) {
    DocumentSnapshot snapshot =
        new DocumentSnapshot("file:///golden", golden.languageId(), 1, golden.file());
    FimWindow window =
        new WindowBuilder(new DocumentStore(), new TokenEstimator(), new WorkspaceRoots())
            .build(snapshot, golden.cursor(), null, Settings.Prompt.defaults());
    PostProcessor postProcessor = new PostProcessor();
    PostProcessor.Prepared prepared = postProcessor.prepare(window);
    List<Suggestion> whole =
        postProcessor.process(prepared, golden.model(), golden.invoked(), golden.truncated());
    // Streamed three characters at a time and stopped where the one end rule says: the same
    // suggestions.
    String streamed = streamedUntilDecided(postProcessor, prepared, golden.model());
    boolean stoppedEarly = streamed.length() < golden.model().length();
    assertThat(
            postProcessor.process(
                prepared, streamed, golden.invoked(), golden.truncated() && !stoppedEarly))
        .as("the suggestions when the answer is streamed and stopped early")
        .isEqualTo(whole);
    CompletionOutcome outcome = new CompletionOutcome(snapshot, golden.cursor(), whole);
    SuggestionItems items = new SuggestionItems(new SuggestionFeedback());
    InlineCompletionList inline = items.inline(outcome, PositionEncoding.UTF16);
    CompletionList menu = items.menu(outcome, PositionEncoding.UTF16);

    List<String> expected = new ArrayList<>();
    if (golden.expected() != null) {
      expected.add(golden.expected());
    }
    if (golden.alsoExpected() != null) {
      expected.add(golden.alsoExpected());
    }
    List<String> inlineResults = new ArrayList<>();
    for (InlineCompletionItem item : inline.getItems()) {
      assertThat(item.getRange().getStart().getLine())
          .as("an inline range stays on one line")
          .isEqualTo(item.getRange().getEnd().getLine());
      inlineResults.add(apply(snapshot, item.getRange(), item.getInsertText().getLeft()));
    }
    List<String> menuResults = new ArrayList<>();
    menu.getItems()
        .forEach(
            item -> {
              TextEdit edit = item.getTextEdit().getLeft();
              menuResults.add(apply(snapshot, edit.getRange(), edit.getNewText()));
            });
    assertThat(inlineResults)
        .as("the document after accepting each inline item")
        .isEqualTo(expected);
    assertThat(menuResults).as("the document after accepting each menu item").isEqualTo(expected);
  }

  private static String streamedUntilDecided(
      PostProcessor postProcessor, PostProcessor.Prepared prepared, String model) {
    for (int end = 3; end < model.length(); end += 3) {
      if (postProcessor.isDecided(prepared, model.substring(0, end))) {
        return model.substring(0, end);
      }
    }
    return model;
  }

  private static String apply(DocumentSnapshot snapshot, Range range, String text) {
    int start = snapshot.offsetAt(Conversions.toPlain(range.getStart()), PositionEncoding.UTF16);
    int end = snapshot.offsetAt(Conversions.toPlain(range.getEnd()), PositionEncoding.UTF16);
    return snapshot.text(0, start) + text + snapshot.text(end, snapshot.length());
  }
}
