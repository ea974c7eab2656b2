package codestral.lsp.postprocess;

import codestral.lsp.prompt.FimWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fixes need to know about the text around the cursor, computed once per window: the
 * cursor line split at the cursor, the nearest lines with text before and after it, their line
 * break and the file's indentation style. Every line here is free of line-break characters.
 *
 * <p>The window may start or end mid-line (it is cut under a budget); only the first line before
 * and the last line after can then be partial, and the fixes look at the nearest lines only.
 *
 * <p>The indentation is detected from up to {@value #CONTEXT_LINES} lines on each side, read in
 * place: only the lines the fixes use become strings. Splitting all of them was 31 KB of garbage
 * per completion at the default window (more than the window's own strings).
 */
final class Surroundings {
  /** How many lines on each side of the cursor the indentation is detected from. */
  private static final int CONTEXT_LINES = 200;

  /**
   * How many of the nearest non-blank lines after the cursor line are kept: more than any fix
   * compares.
   */
  static final int NEXT_LINES_KEPT = 8;

  final String linePrefix;
  final String lineSuffix;

  /** The nearest line above the cursor line that has more than whitespace, or null. */
  private final String previousNonBlankLine;

  /**
   * Up to {@link #NEXT_LINES_KEPT} lines below the cursor line with more than whitespace, nearest
   * first, trailing whitespace stripped.
   */
  private final List<String> nextNonBlankLines;

  /** {@code "\r\n"} in a CRLF file, else {@code "\n"}. */
  final String lineBreak;

  final Indentation indentation;
  final String languageId;

  private Surroundings(
      String linePrefix,
      String lineSuffix,
      String previousNonBlankLine,
      List<String> nextNonBlankLines,
      String lineBreak,
      Indentation indentation,
      String languageId) {
    this.linePrefix = linePrefix;
    this.lineSuffix = lineSuffix;
    this.previousNonBlankLine = previousNonBlankLine;
    this.nextNonBlankLines = nextNonBlankLines;
    this.lineBreak = lineBreak;
    this.indentation = indentation;
    this.languageId = languageId == null ? "" : languageId;
  }

  static Surroundings of(FimWindow window) {
    // Only the lines that are looked at are read: a window holds thousands of lines, and every
    // scan of all of it costs tens of microseconds in C1's code.
    String rawBefore = lastLines(window.prefix(), CONTEXT_LINES + 1);
    String rawAfter = firstLines(window.suffix(), CONTEXT_LINES + 1);
    boolean crInBefore = rawBefore.indexOf('\r') >= 0;
    boolean crInAfter = rawAfter.indexOf('\r') >= 0;
    // The line break of the lines around the cursor, which is the file's unless it mixes them.
    boolean crlf =
        (crInBefore && rawBefore.contains("\r\n")) || (crInAfter && rawAfter.contains("\r\n"));
    String before = crInBefore ? Lines.normalize(rawBefore) : rawBefore;
    String after = crInAfter ? Lines.normalize(rawAfter) : rawAfter;
    int cursorLineStart = before.lastIndexOf('\n') + 1;
    int cursorLineEnd = after.indexOf('\n');
    String linePrefix = before.substring(cursorLineStart);
    String lineSuffix = cursorLineEnd < 0 ? after : after.substring(0, cursorLineEnd);

    // The lines before the cursor line, then those after it, in order: before[0, cursorLineStart
    // - 1) and after(cursorLineEnd, length].
    Indentation.Detector indentation = new Indentation.Detector();
    String previous = null;
    if (cursorLineStart > 0) {
      forEachLine(before, 0, cursorLineStart - 1, indentation::line);
      previous = nearestNonBlankLineAbove(before, cursorLineStart - 1);
    }
    List<String> next = new ArrayList<>();
    if (cursorLineEnd >= 0) {
      forEachLine(
          after,
          cursorLineEnd + 1,
          after.length(),
          (text, start, end) -> {
            indentation.line(text, start, end);
            if (next.size() < NEXT_LINES_KEPT && !Lines.isBlank(text, start, end)) {
              next.add(Lines.stripTrailing(text.substring(start, end)));
            }
          });
    }
    return new Surroundings(
        linePrefix,
        lineSuffix,
        previous,
        List.copyOf(next),
        crlf ? "\r\n" : "\n",
        indentation.result(),
        window.languageId());
  }

  /** A line of a text, {@code text[start, end)}, without its line break. */
  private interface LineVisitor {
    void line(String text, int start, int end);
  }

  /**
   * Visits each {@code \n}-separated line of {@code text[from, to)}, top to bottom, without copying
   * it.
   */
  private static void forEachLine(String text, int from, int to, LineVisitor visitor) {
    int start = from;
    while (true) {
      int end = text.indexOf('\n', start);
      if (end < 0 || end > to) {
        end = to;
      }
      visitor.line(text, start, end);
      if (end == to) {
        return;
      }
      start = end + 1;
    }
  }

  /**
   * The nearest line ending at or before {@code end} (exclusive) with more than whitespace, or
   * null.
   */
  private static String nearestNonBlankLineAbove(String text, int end) {
    int lineEnd = end;
    while (lineEnd >= 0) {
      int lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
      if (!Lines.isBlank(text, lineStart, lineEnd)) {
        return text.substring(lineStart, lineEnd);
      }
      lineEnd = lineStart - 1;
    }
    return null;
  }

  /**
   * The text after the {@code count}-th {@code \n} from the end, or all of it: at least the last
   * {@code count} lines whichever line breaks the text uses ({@code \r} ones only add lines).
   */
  static String lastLines(String text, int count) {
    int start = text.length();
    for (int found = 0; found < count; found++) {
      start = text.lastIndexOf('\n', start - 1);
      if (start < 0) {
        return text;
      }
    }
    return text.substring(start + 1);
  }

  /**
   * The text before the {@code count}-th {@code \n}, or all of it: at least its first {@code count}
   * lines.
   */
  static String firstLines(String text, int count) {
    int end = -1;
    for (int found = 0; found < count; found++) {
      end = text.indexOf('\n', end + 1);
      if (end < 0) {
        return text;
      }
    }
    return text.substring(0, end);
  }

  /** The nearest line above the cursor line that has more than whitespace, or null. */
  String previousNonBlankLine() {
    return previousNonBlankLine;
  }

  /**
   * Up to {@code max} (at most {@value #NEXT_LINES_KEPT}) lines below the cursor line that have
   * more than whitespace, nearest first, trailing whitespace stripped.
   */
  List<String> nextNonBlankLines(int max) {
    return nextNonBlankLines.subList(0, Math.min(max, nextNonBlankLines.size()));
  }

  /** Whether only whitespace precedes the cursor on its line. */
  boolean cursorAtIndentation() {
    return linePrefix.isBlank();
  }

  /** Whether the rest of the cursor line holds only closing characters and whitespace. */
  boolean lineSuffixIsOnlyClosers() {
    return !lineSuffix.isBlank() && Closers.onlyClosers(lineSuffix);
  }

  /** Mid-line: text other than closing characters follows the cursor on its line. */
  boolean cursorMidLine() {
    return !lineSuffix.isBlank() && !Closers.onlyClosers(lineSuffix);
  }
}
