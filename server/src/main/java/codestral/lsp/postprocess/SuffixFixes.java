package codestral.lsp.postprocess;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixes of overlap with the text after the cursor: the model does not see where its answer will
 * end, so it often writes again what the suffix already has.
 */
final class SuffixFixes {
  /** How many of the suffix's next lines are compared. */
  private static final int LINES_COMPARED = 3;

  private SuffixFixes() {}

  /**
   * Whole lines that repeat the next lines of the suffix are cut, with everything after them: the
   * model has caught up with the code below the cursor and is re-typing it. Lines are compared with
   * their indentation, so a {@code }} closing an inner block does not match the {@code }} of the
   * outer one. A line of only punctuation matches only as the suggestion's last line or when the
   * line after it matches too.
   */
  static String dropLinesRepeatingSuffix(Surroundings around, String text) {
    List<String> next = around.nextNonBlankLines(LINES_COMPARED);
    if (next.isEmpty()) {
      return text;
    }
    List<String> lines = Lines.split(text);
    int last = lastLineWithText(lines);
    for (int i = around.cursorAtIndentation() ? 0 : 1; i <= last; i++) {
      String line = fullLine(around, lines, i);
      if (line.isBlank() || !line.equals(next.get(0))) {
        continue;
      }
      boolean nextAlsoMatches =
          i + 1 < lines.size()
              && next.size() > 1
              && fullLine(around, lines, i + 1).equals(next.get(1));
      if (Lines.hasWordCharacter(line) || i == last || nextAlsoMatches) {
        return Lines.join(lines.subList(0, i));
      }
    }
    return text;
  }

  /**
   * The suggestion's closing lines ({@code }}, {@code });}, {@code end}, {@code fi} …) are kept
   * when the code needs them and dropped when the suffix already closes that block. A closer that
   * closes a bracket the suggestion itself opened is always needed. One that closes a block opened
   * before the cursor is a duplicate when the suffix's next line closes at the same indentation
   * ({@code }} against {@code }}, {@code };} or {@code });}), since the suffix's closer then
   * belongs to that same block; otherwise (nothing below, or the suffix closing an outer block) it
   * is needed.
   */
  static String dropClosersTheSuffixHas(Surroundings around, String text) {
    if (around.lineSuffixIsOnlyClosers() || around.cursorMidLine()) {
      return text; // The closers on the cursor's own line are merged by mergeClosingTail.
    }
    List<String> lines = Lines.split(text);
    int firstCloser = lines.size();
    while (firstCloser > 0
        && (lines.get(firstCloser - 1).isBlank()
            || SuggestionEnd.isCloserLine(lines.get(firstCloser - 1), around.languageId))) {
      firstCloser--;
    }
    if (firstCloser == 0 && !around.cursorAtIndentation()) {
      firstCloser = 1; // The first line continues code the user wrote; it is not a closing line.
    }
    List<String> next = around.nextNonBlankLines(1);
    if (next.isEmpty()) {
      return text;
    }
    int tab = around.indentation.width();
    String suffixLine = next.get(0);
    for (int i = firstCloser; i < lines.size(); i++) {
      String line = i == 0 ? around.linePrefix + lines.get(0) : lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      boolean closesItsOwn = closesABracketItOpened(around, lines, i);
      boolean sameAsSuffix =
          Lines.indentColumns(line, tab) == Lines.indentColumns(suffixLine, tab)
              && SuggestionEnd.isCloserLine(suffixLine, around.languageId)
              && SuggestionEnd.closerOf(suffixLine).equals(SuggestionEnd.closerOf(line));
      if (sameAsSuffix && !closesItsOwn) {
        return Lines.stripTrailing(Lines.join(lines.subList(0, i)));
      }
    }
    return text;
  }

  /**
   * Whether line {@code index} starts by closing a bracket opened in the cursor line or the
   * suggestion.
   */
  private static boolean closesABracketItOpened(
      Surroundings around, List<String> lines, int index) {
    char closer = lines.get(index).strip().charAt(0);
    if (!Closers.isBracketCloser(closer)) {
      return false;
    }
    CodeScanner scanner = new CodeScanner(around.languageId).scan(around.linePrefix);
    int openedBefore = scanner.openBrackets();
    scanner.scan(Lines.join(lines.subList(0, index)) + "\n");
    return scanner.openBrackets() > openedBefore
        && scanner.innermostOpen() == Closers.opening(closer);
  }

  /**
   * Mid-line, a suggestion that ends with the start of the rest of the line drops that tail: for
   * {@code if (x|) {} the answer {@code  > 0) {} becomes {@code  > 0}. A tail of closing
   * characters is dropped only when that leaves the line's brackets balanced as they were
   * ({@code bar(x)} inside {@code foo(|)} keeps its own {@code )}); the whole rest of the line,
   * re-typed, is dropped unless that unbalances them.
   */
  static String dropOverlapWithLineSuffix(Surroundings around, String text) {
    if (!around.cursorMidLine() || text.contains("\n")) {
      return text;
    }
    String rest = around.lineSuffix.strip();
    int imbalance = imbalance(around, text);
    // One letter of overlap is too likely to be chance; one punctuation mark ({@code >}) is not.
    boolean restIsDistinctive =
        rest.length() >= 2 || (!rest.isEmpty() && !Character.isLetterOrDigit(rest.charAt(0)));
    if (restIsDistinctive && text.endsWith(rest)) {
      String shorter = text.substring(0, text.length() - rest.length());
      if (imbalance(around, shorter) <= imbalance) {
        return shorter;
      }
    }
    int closers = 0;
    while (closers < around.lineSuffix.length()
        && Closers.isCloser(around.lineSuffix.charAt(closers))) {
      closers++;
    }
    for (int length = Math.min(closers, text.length()); length > 0; length--) {
      if (text.endsWith(around.lineSuffix.substring(0, length))) {
        String shorter = text.substring(0, text.length() - length);
        if (imbalance(around, shorter) < imbalance) {
          return shorter;
        }
      }
    }
    return text;
  }

  /**
   * How far inserting the text leaves the cursor line's brackets and quotes from how they were
   * without it: 0 when the insertion is neutral.
   */
  private static int imbalance(Surroundings around, String text) {
    CodeScanner without =
        new CodeScanner(around.languageId).scan(around.linePrefix + around.lineSuffix);
    CodeScanner with =
        new CodeScanner(around.languageId).scan(around.linePrefix + text + around.lineSuffix);
    return Math.abs(with.openBrackets() - without.openBrackets())
        + Math.abs(with.unmatchedClosers() - without.unmatchedClosers())
        + (with.openString() == without.openString() ? 0 : 1);
  }

  /**
   * A line tail of only closing characters after the cursor ({@code )}, {@code "]}, {@code );}),
   * typically closed by the editor as the user opened it, is merged rather than duplicated. The
   * closers are walked in order against what the line and the suggestion leave open: one the
   * suggestion has already written is a duplicate, one still needed is kept. When all are still
   * needed the suggestion is inserted as it is; otherwise it replaces the whole tail, followed by
   * the closers still needed, so {@code foo(|)} with {@code x);} gives {@code foo(x);}.
   */
  static Suggestion mergeClosingTail(Surroundings around, String text) {
    if (!around.lineSuffixIsOnlyClosers()) {
      return new Suggestion(text, 0);
    }
    CodeScanner scanner = new CodeScanner(around.languageId).scan(around.linePrefix + text);
    String written = Lines.stripTrailing(text);
    char lastWritten = written.isEmpty() ? 0 : written.charAt(written.length() - 1);
    // A closer is only ever called a duplicate if the model wrote one like it: a tail is never
    // deleted on the scanner's word alone (it cannot see into ${…} or lifetimes like 'a).
    Map<Character, Integer> writtenClosers = new HashMap<>();
    for (char c : text.toCharArray()) {
      if (Closers.isCloser(c)) {
        writtenClosers.merge(c, 1, Integer::sum);
      }
    }
    StringBuilder stillNeeded = new StringBuilder();
    boolean duplicate = false;
    for (char closer : around.lineSuffix.toCharArray()) {
      if (Character.isWhitespace(closer)) {
        continue;
      }
      boolean modelWroteOne = writtenClosers.getOrDefault(closer, 0) > 0;
      boolean needed;
      if (Closers.isBracketCloser(closer)) {
        needed = scanner.innermostOpen() == Closers.opening(closer);
        if (needed) {
          scanner.close();
        }
      } else if (Closers.isQuote(closer)) {
        needed = scanner.openString() == closer;
        if (needed) {
          scanner.closeString();
        }
      } else {
        // A ";" or "," is a duplicate when the suggestion already ends with it.
        needed = !(closer == lastWritten && stillNeeded.length() == 0);
      }
      if (needed || !modelWroteOne) {
        stillNeeded.append(closer);
      } else {
        duplicate = true;
        writtenClosers.merge(closer, -1, Integer::sum);
      }
    }
    if (text.startsWith("\n") && stillNeeded.length() > 0 && !Lines.lastLine(text).isBlank()) {
      // A block typed between auto-closed brackets ({@code {|}}): the closers the editor typed go
      // on a line of their own after it, at the indentation of the line that opened it.
      String indent = Lines.leadingWhitespace(around.linePrefix);
      return new Suggestion(text + "\n" + indent + stillNeeded, around.lineSuffix.length());
    }
    if (!duplicate) {
      return new Suggestion(text, 0);
    }
    return new Suggestion(text + stillNeeded, around.lineSuffix.length());
  }

  private static String fullLine(Surroundings around, List<String> lines, int index) {
    String line = index == 0 ? around.linePrefix + lines.get(0) : lines.get(index);
    return Lines.stripTrailing(line);
  }

  private static int lastLineWithText(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }
}
