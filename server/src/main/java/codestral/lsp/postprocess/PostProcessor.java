package codestral.lsp.postprocess;

import codestral.lsp.prompt.FimWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chain of fixes applied to the model's raw text, in order. Each step is a small pure
 * function named for what it fixes; README's "Post-processing" lists them in this order.
 *
 * <p>The order matters: whitespace is normalised before lines are compared; the single-line and
 * scope cuts run before the suffix comparisons, so that only the suggestion's own lines are
 * compared; the closing tail is merged last, on the text that will actually be inserted.
 */
public final class PostProcessor {

  /**
   * The suggestions to offer, best first; empty when nothing useful is left.
   *
   * @param invoked the user asked explicitly: a multi-line suggestion is then followed by its first
   *     line as a second, shorter candidate. Otherwise (as-you-type) there is at most one.
   */
  public List<Suggestion> process(FimWindow window, String raw, boolean invoked) {
    return process(prepare(window), raw, invoked);
  }

  /**
   * What the fixes need to know of the window (its lines around the cursor, their indentation),
   * worked out once. Made while the model answers, it is off the answer's path.
   */
  public Prepared prepare(FimWindow window) {
    return new Prepared(Surroundings.of(window));
  }

  /** {@link #process(FimWindow, String, boolean)} with the window's context already worked out. */
  public List<Suggestion> process(Prepared prepared, String raw, boolean invoked) {
    if (raw == null) {
      return List.of();
    }
    Surroundings around = prepared.around;
    String text = shape(around, Lines.normalize(raw));
    if (text.isBlank()) {
      return List.of();
    }
    List<Suggestion> suggestions = new ArrayList<>(2);
    finish(around, text).ifPresent(suggestions::add);
    if (invoked && text.contains("\n")) {
      String shorter = ScopeFixes.throughFirstLineWithText(text);
      if (!shorter.equals(text)) {
        finish(around, shorter).filter(s -> !suggestions.contains(s)).ifPresent(suggestions::add);
      }
    }
    return List.copyOf(suggestions);
  }

  /** The one suggestion for an as-you-type request, or empty when nothing useful is left. */
  public Optional<Suggestion> process(FimWindow window, String raw) {
    return process(window, raw, false).stream().findFirst();
  }

  /** A window's context for the fixes, from {@link #prepare}; immutable. */
  public static final class Prepared {
    private final Surroundings around;

    private Prepared(Surroundings around) {
      this.around = around;
    }
  }

  /** Steps that shape the text itself, on {@code \n}-separated text. */
  static String shape(Surroundings around, String text) {
    text = WhitespaceFixes.stripTrailingWhitespace(text);
    text = WhitespaceFixes.dropLeadingSpaceAfterSpace(around, text);
    text = WhitespaceFixes.matchFileIndentation(around, text);
    text = RepetitionFixes.dropRetypedPreviousLine(around, text);
    text = ScopeFixes.keepOneLineWhereOneIsDue(around, text);
    text = ScopeFixes.cutAtScopeEnd(around, text);
    text = RepetitionFixes.cutRunawayRepetition(around, text);
    text = SuffixFixes.dropLinesRepeatingSuffix(around, text);
    text = SuffixFixes.dropOverlapWithLineSuffix(around, text);
    // Cuts may leave blank lines at the end; mid-line, a space before the rest of the line is not
    // trailing but part of the text ({@code {{| }}} answered with {@code  a: 1 }}).
    return around.cursorMidLine() ? text : WhitespaceFixes.stripTrailingWhitespace(text);
  }

  /**
   * Steps that decide the range: the closing tail is merged, a suggestion that would change
   * nothing is dropped, and line breaks become the file's own.
   */
  static Optional<Suggestion> finish(Surroundings around, String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    Suggestion merged = SuffixFixes.mergeClosingTail(around, text);
    String replaced = around.lineSuffix.substring(0, merged.replacedSuffixLength());
    if (merged.text().equals(replaced) || merged.text().isBlank()) {
      return Optional.empty();
    }
    String withFileBreaks =
        around.lineBreak.equals("\n") ? merged.text() : merged.text().replace("\n", around.lineBreak);
    return Optional.of(new Suggestion(withFileBreaks, merged.replacedSuffixLength()));
  }
}
