package codestral.lsp.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuggestionFeedbackTest {

  @Test
  void eachEventCountsOncePerSuggestionHoweverOftenItIsReported() {
    SuggestionFeedback feedback = new SuggestionFeedback();
    String id = feedback.offer("python", "x = 42", 4);
    feedback.shown(id);
    feedback.shown(id);
    feedback.accepted(id);
    feedback.accepted(id);
    assertThat(feedback.stats().total()).isEqualTo(new SuggestionCounts(1, 1, 1, 0, 2));
  }

  @Test
  void acceptanceImpliesShownForClientsThatNeverReportShowing() {
    SuggestionFeedback feedback = new SuggestionFeedback();
    feedback.accepted(feedback.offer("go", "return a + b", 0));
    assertThat(feedback.stats().byLanguage().get("go").shown()).isEqualTo(1);
  }

  @Test
  void partialAcceptanceCountsOnlyTheGrowthBeyondTheLineStart() {
    SuggestionFeedback feedback = new SuggestionFeedback();
    String id = feedback.offer("java", "    return total;", 4);
    feedback.partiallyAccepted(id, 10); // "    return": 6 suggested characters
    feedback.partiallyAccepted(id, 8); // a smaller report takes nothing back
    feedback.partiallyAccepted(id, 11);
    feedback.accepted(id);
    SuggestionCounts java = feedback.stats().byLanguage().get("java");
    assertThat(java.partiallyAccepted()).isEqualTo(1);
    assertThat(java.acceptedCharacters()).isEqualTo("return total;".length());
  }

  @Test
  void unknownIdsAreIgnoredAndSaidSo() {
    SuggestionFeedback feedback = new SuggestionFeedback();
    assertThat(feedback.shown("cs-404")).isFalse();
    assertThat(feedback.accepted("cs-404")).isFalse();
    assertThat(feedback.stats().total()).isEqualTo(SuggestionCounts.NONE);
  }

  @Test
  void countsAreKeptPerLanguageAndSummed() {
    SuggestionFeedback feedback = new SuggestionFeedback();
    feedback.offer("rust", "a", 0);
    feedback.shown(feedback.offer("c", "b", 0));
    feedback.offer("", "c", 0);
    var stats = feedback.stats();
    assertThat(stats.byLanguage()).containsOnlyKeys("c", "rust", "unknown");
    assertThat(stats.total().offered()).isEqualTo(3);
    assertThat(stats.total().shown()).isEqualTo(1);
  }

  @Test
  void theOldestSuggestionsAreForgottenSoMemoryStaysBounded() {
    SuggestionFeedback feedback = new SuggestionFeedback();
    String first = feedback.offer("c", "x", 0);
    for (int i = 0; i < SuggestionFeedback.REMEMBERED; i++) {
      feedback.offer("c", "y" + i, 0);
    }
    assertThat(feedback.shown(first)).isFalse();
    assertThat(feedback.stats().total().offered()).isEqualTo(SuggestionFeedback.REMEMBERED + 1L);
  }

  @Test
  void anItemIsFoundByItsTextTheNewestFirst() {
    SuggestionFeedback feedback = new SuggestionFeedback();
    feedback.offer("c", "same", 0);
    String newer = feedback.offer("c", "same", 0);
    assertThat(feedback.idOfInsertText("same")).contains(newer);
    assertThat(feedback.idOfInsertText("other")).isEmpty();
  }
}
