package codestral.lsp.postprocess;

import codestral.lsp.prompt.FimWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fixes need to know about the text around the cursor, computed once per window: the
 * cursor line split at the cursor, the lines just before and after it, the file's line break and
 * its indentation style. Every line here is free of line-break characters.
 *
 * <p>The window may start or end mid-line (it is cut under a budget); only the first line before
 * and the last line after can then be partial, and the fixes look at the nearest lines only.
 */
final class Surroundings {
  /** How many lines on each side of the cursor are kept: more than any fix looks at. */
  private static final int CONTEXT_LINES = 200;

  final String linePrefix;
  final String lineSuffix;
  /** Lines before the cursor line, nearest last. */
  final List<String> linesBefore;
  /** Lines after the cursor line, nearest first. */
  final List<String> linesAfter;
  /** {@code "\r\n"} in a CRLF file, else {@code "\n"}. */
  final String lineBreak;
  final Indentation indentation;
  final String languageId;

  private Surroundings(
      String linePrefix,
      String lineSuffix,
      List<String> linesBefore,
      List<String> linesAfter,
      String lineBreak,
      Indentation indentation,
      String languageId) {
    this.linePrefix = linePrefix;
    this.lineSuffix = lineSuffix;
    this.linesBefore = linesBefore;
    this.linesAfter = linesAfter;
    this.lineBreak = lineBreak;
    this.indentation = indentation;
    this.languageId = languageId == null ? "" : languageId;
  }

  static Surroundings of(FimWindow window) {
    // Only the lines that are kept are split: a window holds thousands of lines, and splitting
    // all of them was a fifth of the server's own time per completion (JFR, LatencyBenchmark).
    List<String> before = Lines.split(Lines.normalize(lastLines(window.prefix(), CONTEXT_LINES + 1)));
    List<String> after = Lines.split(Lines.normalize(firstLines(window.suffix(), CONTEXT_LINES + 1)));
    String linePrefix = before.remove(before.size() - 1);
    String lineSuffix = after.remove(0);
    before = new ArrayList<>(before.subList(Math.max(0, before.size() - CONTEXT_LINES), before.size()));
    after = new ArrayList<>(after.subList(0, Math.min(after.size(), CONTEXT_LINES)));
    boolean crlf = window.prefix().contains("\r\n") || window.suffix().contains("\r\n");
    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    return new Surroundings(
        linePrefix,
        lineSuffix,
        List.copyOf(before),
        List.copyOf(after),
        crlf ? "\r\n" : "\n",
        Indentation.detect(all),
        window.languageId());
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

  /** The text before the {@code count}-th {@code \n}, or all of it: at least its first {@code count} lines. */
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
    for (int i = linesBefore.size() - 1; i >= 0; i--) {
      if (!linesBefore.get(i).isBlank()) {
        return linesBefore.get(i);
      }
    }
    return null;
  }

  /** Up to {@code max} lines below the cursor line that have more than whitespace, nearest first. */
  List<String> nextNonBlankLines(int max) {
    List<String> lines = new ArrayList<>();
    for (String line : linesAfter) {
      if (lines.size() == max) {
        break;
      }
      if (!line.isBlank()) {
        lines.add(Lines.stripTrailing(line));
      }
    }
    return lines;
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
