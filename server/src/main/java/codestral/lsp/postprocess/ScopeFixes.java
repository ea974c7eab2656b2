package codestral.lsp.postprocess;

import java.util.List;

/** Fixes of length: one line where one is due, and a block cut where its scope ends. */
final class ScopeFixes {
  private ScopeFixes() {}

  /**
   * One line where one is due. Mid-line (code after the cursor) a suggestion is the rest of that
   * line only: a line break there would split the user's code. At the end of a line of code that
   * does not open a block or a bracket, it finishes that statement: its first line, or, when the
   * model starts with a line break, the next line with text. Elsewhere (an empty line, or a line
   * that opens a block) the block may follow, and {@link #cutAtScopeEnd} bounds it.
   */
  static String keepOneLineWhereOneIsDue(Surroundings around, String text) {
    if (around.cursorMidLine()) {
      return Lines.firstLine(text);
    }
    if (around.cursorAtIndentation()) {
      return text;
    }
    String completedLine = around.linePrefix + Lines.firstLine(text);
    if (opensBlock(completedLine, around.languageId)) {
      return text;
    }
    return throughFirstLineWithText(text);
  }

  /** The text up to the end of its first line that holds more than whitespace. */
  static String throughFirstLineWithText(String text) {
    List<String> lines = Lines.split(text);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        return Lines.join(lines.subList(0, i + 1));
      }
    }
    return text;
  }

  /**
   * A multi-line suggestion stops where indentation returns to the enclosing scope: the model has
   * finished the block and gone on to write the rest of the file, which the suffix usually has
   * already. Inside a block just opened (the line above the cursor, or the suggestion's own first
   * line, ends with {@code :}, {@code {}, {@code =>} or an open bracket) the body must be indented
   * deeper than the opener; elsewhere no line may be indented less than the first. A line that
   * returns to the scope and starts with a closing bracket ({@code }}, {@code )}, {@code ]}) is
   * kept as the block's end; a duplicate of the suffix's own closer is removed later.
   */
  static String cutAtScopeEnd(Surroundings around, String text) {
    List<String> lines = Lines.split(text);
    if (lines.size() < 2) {
      return text;
    }
    int tab = around.indentation.width();
    String first = around.linePrefix + lines.get(0);
    String previous = around.previousNonBlankLine();
    int anchor;
    boolean insideOpener;
    if (around.cursorAtIndentation() && previous != null && opensBlock(previous, around.languageId)) {
      anchor = Lines.indentColumns(previous, tab);
      insideOpener = true;
    } else if (!first.isBlank()) {
      anchor = Lines.indentColumns(first, tab);
      insideOpener = opensBlock(first, around.languageId);
    } else {
      anchor = previous == null ? 0 : Lines.indentColumns(previous, tab);
      insideOpener = false;
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int indent = Lines.indentColumns(line, tab);
      boolean leftScope = insideOpener ? indent <= anchor : indent < anchor;
      if (leftScope) {
        int keep = startsWithClosingBracket(line) ? i + 1 : i;
        return Lines.join(lines.subList(0, keep));
      }
    }
    return text;
  }

  /** Whether the line opens a block or leaves a bracket open, so that its body follows below. */
  static boolean opensBlock(String line, String languageId) {
    String code = Lines.stripTrailing(line);
    if (code.endsWith(":") || code.endsWith("{") || code.endsWith("=>") || code.endsWith("->")
        || code.endsWith(" do") || code.endsWith(" then")) {
      return true;
    }
    return CodeScanner.opensBrackets(code, languageId);
  }

  private static boolean startsWithClosingBracket(String line) {
    String code = line.strip();
    return !code.isEmpty() && Closers.isBracketCloser(code.charAt(0));
  }
}
