package codestral.lsp.postprocess;

import codestral.lsp.prompt.FimWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chain of fixes applied to the model's raw text, in order. Each step is a small pure function
 * named for what it fixes; README's "Post-processing" lists them in this order.
 *
 * <p>The order matters: whitespace is normalised before lines are compared; the suggestion's end
 * ({@link SuggestionEnd}, the same rule that stops a stream) is found before the suffix
 * comparisons, so that only the suggestion's own lines are compared; the closing tail is merged
 * last, on the text that will actually be inserted.
 */
public final class PostProcessor {

  /**
   * The suggestions to offer, best first; empty when nothing useful is left.
   *
   * @param invoked the user asked explicitly: a multi-line suggestion is then followed by its first
   *     line as a second, shorter candidate. Otherwise (as-you-type) there is at most one.
   */
  public List<Suggestion> process(FimWindow window, String raw, boolean invoked) {
    return process(prepare(window), raw, invoked, false);
  }

  /**
   * What the fixes need to know of the window (its lines around the cursor, their indentation),
   * worked out once per request.
   */
  public Prepared prepare(FimWindow window) {
    return new Prepared(Surroundings.of(window));
  }

  /**
   * {@link #process(FimWindow, String, boolean)} with the window's context already worked out.
   *
   * @param truncated the model stopped at its token limit ({@code finish_reason: "length"}), so its
   *     last line is unfinished
   */
  public List<Suggestion> process(
      Prepared prepared, String raw, boolean invoked, boolean truncated) {
    if (raw == null) {
      return List.of();
    }
    Surroundings around = prepared.around;
    String text = shape(around, Lines.normalize(raw), truncated);
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

  /**
   * Whether the model's text so far already holds the whole suggestion, by the rule that cuts it
   * ({@link SuggestionEnd}): a stream can stop here, and {@link #process} of this text gives what
   * it would give for the whole answer.
   */
  public boolean isDecided(Prepared prepared, String textSoFar) {
    String text = Lines.normalize(textSoFar);
    int lastBreak = text.lastIndexOf('\n');
    if (lastBreak < 0) {
      return false;
    }
    // Only complete lines decide; the line after the last break may still grow.
    String complete = head(prepared.around, text.substring(0, lastBreak)) + "\n";
    return SuggestionEnd.end(prepared.around, complete, false) >= 0;
  }

  /**
   * Whether only the rest of the cursor's line may be suggested (code other than closers follows
   * it).
   */
  public boolean isLinePosition(Prepared prepared) {
    return SuggestionEnd.isLinePosition(prepared.around);
  }

  /** A window's context for the fixes, from {@link #prepare}; immutable. */
  public static final class Prepared {
    private final Surroundings around;

    private Prepared(Surroundings around) {
      this.around = around;
    }
  }

  /** Steps that shape the text itself, on {@code \n}-separated text, in README's order. */
  static String shape(Surroundings around, String text, boolean truncated) {
    // First, on the raw text: the line the token limit cut is the model's last, whatever fixes do.
    text = ScopeFixes.dropUnfinishedLastLine(text, truncated);
    text = head(around, text);
    text = ScopeFixes.cutWhereTheSuggestionEnds(around, text);
    text = RepetitionFixes.cutRunawayRepetition(around, text);
    text = RepetitionFixes.cutNearIdenticalRun(around, text);
    text = RepetitionFixes.cutRepeatedFragmentLine(around, text);
    text = SuffixFixes.dropLinesRepeatingSuffix(around, text);
    text = SuffixFixes.dropClosersTheSuffixHas(around, text);
    text = SuffixFixes.dropOverlapWithLineSuffix(around, text);
    // Cuts may leave blank lines at the end; mid-line, a space before the rest of the line is not
    // trailing but part of the text ({@code {{| }}} answered with {@code  a: 1 }}).
    return around.cursorMidLine() ? text : WhitespaceFixes.stripTrailingWhitespace(text);
  }

  /**
   * The steps before the suggestion's end is looked for: each works line by line from the start, so
   * the same lines give the same result whether the rest of the answer came or not.
   */
  private static String head(Surroundings around, String text) {
    text = FenceFixes.stripMarkdownFences(around, text);
    text = WhitespaceFixes.stripTrailingWhitespace(around, text);
    text = WhitespaceFixes.dropLeadingSpaceAfterSpace(around, text);
    text = WhitespaceFixes.dropDoubledIndentation(around, text);
    text = WhitespaceFixes.matchFileIndentation(around, text);
    return RepetitionFixes.dropRetypedPreviousLine(around, text);
  }

  /**
   * Steps that decide the range: the closing tail is merged, a suggestion that would change nothing
   * is dropped, and line breaks become the file's own.
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
        around.lineBreak.equals("\n")
            ? merged.text()
            : merged.text().replace("\n", around.lineBreak);
    return Optional.of(new Suggestion(withFileBreaks, merged.replacedSuffixLength()));
  }
}
