package codestral.lsp.postprocess;

import java.util.List;
import java.util.Set;

/**
 * Where a suggestion ends: the one rule that both stops a streamed answer early (and cancels the
 * call) and cuts a whole answer, so the two can never disagree.
 *
 * <ul>
 *   <li><b>Line position</b> (code other than closers follows the cursor): the rest of the line, up
 *       to the first line break.
 *   <li><b>Statement position</b> (code before the cursor that opens no block or bracket): through
 *       the first line with text, which finishes the statement (or is a closer such as a Go
 *       function's {@code }} at the end of the file).
 *   <li><b>Block position</b> (an empty line, a line that opens a block, or a line whose rest is
 *       only closers the editor typed, as in {@code {|}}): lines follow until one leaves the scope.
 *       In a block just opened (by the line above the cursor, or else by the suggestion's first
 *       line) that is the first line back at the opener's indentation; elsewhere the first line
 *       indented less than the cursor. So a fresh function body keeps all its statements, and a
 *       block suggested among statements ends with its own closer. A leaving line that closes the
 *       block ({@code }}, {@code )}, {@code ]}, or {@code end}, {@code fi}, {@code done}, {@code
 *       esac} where the language closes blocks with words) belongs to the suggestion; whether the
 *       suffix already has it is decided later, from the code.
 * </ul>
 *
 * <p>Only complete lines decide: a streamed line is judged once its line break has arrived, so
 * later tokens can never change an end already found.
 */
final class SuggestionEnd {
  private static final Set<String> WORD_CLOSERS_END =
      Set.of("ruby", "lua", "julia", "elixir", "crystal");
  private static final Set<String> WORD_CLOSERS_SHELL = Set.of("shellscript", "sh", "bash", "zsh");

  private SuggestionEnd() {}

  /** Whether only the rest of the cursor's line may be suggested. */
  static boolean isLinePosition(Surroundings around) {
    return around.cursorMidLine();
  }

  /**
   * The length of {@code text} (normalised to {@code \n}) that the suggestion keeps, or -1 when the
   * lines so far do not decide it yet.
   *
   * @param whole the model has finished: its last line counts as complete
   */
  static int end(Surroundings around, String text, boolean whole) {
    List<String> lines = Lines.split(text);
    int complete = whole ? lines.size() : lines.size() - 1;
    if (isLinePosition(around)) {
      return complete >= 1 ? lines.get(0).length() : -1;
    }
    if (complete < 1) {
      return -1;
    }
    String first = around.linePrefix + lines.get(0);
    if (!around.cursorAtIndentation() && !ScopeFixes.opensBlock(first, around.languageId)) {
      for (int i = 0; i < complete; i++) {
        if (!lines.get(i).isBlank()) {
          return endOfLine(lines, i);
        }
      }
      return whole ? text.length() : -1;
    }
    int tab = around.indentation.width();
    String previous = around.previousNonBlankLine();
    int anchor;
    boolean insideOpener;
    if (around.cursorAtIndentation()
        && previous != null
        && ScopeFixes.opensBlock(previous, around.languageId)) {
      anchor = Lines.indentColumns(previous, tab);
      insideOpener = true;
    } else if (around.cursorAtIndentation()) {
      // Among statements: a block the suggestion opens ends with it; other lines go on at its
      // level.
      anchor = Lines.indentColumns(first.isBlank() ? around.linePrefix : first, tab);
      insideOpener = !first.isBlank() && ScopeFixes.opensBlock(first, around.languageId);
    } else {
      anchor = Lines.indentColumns(first, tab);
      insideOpener = true;
    }
    for (int i = 1; i < complete; i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int indent = Lines.indentColumns(line, tab);
      if (insideOpener && indent == anchor && isSwitchLabel(line)) {
        continue; // gofmt puts case labels at the switch's own indentation.
      }
      if (insideOpener ? indent <= anchor : indent < anchor) {
        return isCloserLine(line, around.languageId)
            ? endOfLine(lines, i)
            : endOfLine(lines, i - 1);
      }
    }
    return whole ? text.length() : -1;
  }

  /** {@code text} cut where the whole answer ends. */
  static String cut(Surroundings around, String text) {
    int end = end(around, text, true);
    return end < 0 ? text : text.substring(0, end);
  }

  /**
   * Whether the line closes a block: it starts with a closing bracket, or, in languages that close
   * blocks with a word, with that word ({@code end} in Ruby, Lua, Julia, Elixir; {@code fi}, {@code
   * done}, {@code esac} in shell).
   */
  static boolean isCloserLine(String line, String languageId) {
    String code = line.strip();
    if (code.isEmpty()) {
      return false;
    }
    if (Closers.isBracketCloser(code.charAt(0))) {
      return true;
    }
    String word = firstWord(code);
    if (WORD_CLOSERS_END.contains(languageId)) {
      return word.equals("end");
    }
    if (WORD_CLOSERS_SHELL.contains(languageId)) {
      return word.equals("fi") || word.equals("done") || word.equals("esac");
    }
    return false;
  }

  private static boolean isSwitchLabel(String line) {
    String code = line.strip();
    return code.startsWith("case ") || code.startsWith("default:");
  }

  /** The closing bracket or word a closer line starts with, for comparing it with the suffix's. */
  static String closerOf(String line) {
    String code = line.strip();
    if (!code.isEmpty() && Closers.isBracketCloser(code.charAt(0))) {
      return code.substring(0, 1);
    }
    return firstWord(code);
  }

  private static String firstWord(String code) {
    int end = 0;
    while (end < code.length() && Character.isLetter(code.charAt(end))) {
      end++;
    }
    return code.substring(0, end);
  }

  /** The offset just after line {@code index} (before its line break). */
  private static int endOfLine(List<String> lines, int index) {
    int offset = 0;
    for (int i = 0; i < index; i++) {
      offset += lines.get(i).length() + 1;
    }
    return offset + lines.get(index).length();
  }
}
