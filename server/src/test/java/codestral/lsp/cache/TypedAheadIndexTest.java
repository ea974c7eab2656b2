package codestral.lsp.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TypedAheadIndexTest {
  private static final String URI = "file:///a.py";
  private final TypedAheadIndex<String> index =
      new TypedAheadIndex<>(Duration.ofMinutes(1), () -> 0L);

  /** The text before the `|` cursor marker, and the cursor's offset. */
  private static String prefix(String marked) {
    return marked.substring(0, marked.indexOf('|'));
  }

  @Test
  void typingTheStartOfAShownSuggestionFindsItWithWhatWasTyped() {
    String before = prefix("def add(a, b):\n    return |");
    index.remember(URI, before, before.length(), "", "ctx").finish("a + b");
    String now = prefix("def add(a, b):\n    return a +|");
    var match = index.find(URI, now, now.length(), "").orElseThrow();
    assertThat(match.typed()).isEqualTo("a +");
    assertThat(match.entry().text().substring(match.typed().length())).isEqualTo(" b");
    assertThat(match.entry().context()).isEqualTo("ctx");
  }

  @Test
  void typingSomethingElseFindsNothing() {
    String before = prefix("    return |");
    index.remember(URI, before, before.length(), "", "ctx").finish("a + b");
    String now = prefix("    return b|");
    assertThat(index.find(URI, now, now.length(), "")).isEmpty();
  }

  @Test
  void typingTheWholeSuggestionLeavesNothingToReuse() {
    String before = prefix("x = |");
    index.remember(URI, before, before.length(), "", "ctx").finish("42");
    String now = prefix("x = 42|");
    assertThat(index.find(URI, now, now.length(), "")).isEmpty();
  }

  @Test
  void aChangedTextAfterTheCursorFindsNothing() {
    String before = prefix("f(|");
    index.remember(URI, before, before.length(), ")", "ctx").finish("a, b");
    String now = prefix("f(a|");
    assertThat(index.find(URI, now, now.length(), ")")).isPresent();
    assertThat(index.find(URI, now, now.length(), "))")).isEmpty();
  }

  @Test
  void anEditAboveTheCursorFindsNothing() {
    String before = prefix("y = 1\nx = |");
    index.remember(URI, before, before.length(), "", "ctx").finish("42");
    String now = prefix("y = 2\nx = 4|");
    assertThat(index.find(URI, now, now.length(), "")).isEmpty();
  }

  @Test
  void aWindowThatSlidForwardStillMatchesOnTheTextBothSaw() {
    // The first window started at offset 100 of the document, the next one four characters later.
    String before = prefix("abcdef = |");
    index.remember(URI, before, 100 + before.length(), "", "ctx").finish("value()");
    String now = prefix("ef = val|");
    assertThat(index.find(URI, now, 100 + before.length() + 3, "").orElseThrow().typed())
        .isEqualTo("val");
  }

  @Test
  void aStreamingSuggestionMatchesOnceItsTextCoversWhatWasTyped() {
    String before = prefix("x = |");
    TypedAheadIndex.Entry<String> entry = index.remember(URI, before, before.length(), "", "ctx");
    String now = prefix("x = com|");
    assertThat(index.find(URI, now, now.length(), "")).isEmpty();
    entry.grow("co");
    assertThat(index.find(URI, now, now.length(), "")).isEmpty();
    entry.grow("compute(");
    assertThat(index.find(URI, now, now.length(), "").orElseThrow().entry().isFinished()).isFalse();
  }

  @Test
  void aDiscardedOrForgottenSuggestionIsNotFound() {
    String before = prefix("x = |");
    String now = prefix("x = 4|");
    index.remember(URI, before, before.length(), "", "ctx").finish("42");
    index.forget(URI);
    assertThat(index.find(URI, now, now.length(), "")).isEmpty();
    index.remember(URI, before, before.length(), "", "ctx").discard();
    assertThat(index.find(URI, now, now.length(), "")).isEmpty();
  }

  @Test
  void onlyTheLastFewSuggestionsOfADocumentAreKept() {
    String before = prefix("x = |");
    index.remember(URI, before, before.length(), "", "oldest").finish("42");
    for (int i = 0; i < TypedAheadIndex.PER_DOCUMENT; i++) {
      index.remember(URI, "other" + i, 1000 + i, "", "newer").finish("z");
    }
    String now = prefix("x = 4|");
    assertThat(index.find(URI, now, now.length(), "")).isEmpty();
  }
}
