package codestral.lsp.postprocess;

import java.util.ArrayList;
import java.util.List;

/** Fixes of whitespace: trailing blanks, the doubled space, and tabs against spaces. */
final class WhitespaceFixes {
  private WhitespaceFixes() {}

  /**
   * No line of a suggestion ends in spaces, and it ends in no blank line: the editor or the user's
   * formatter would only delete them again, and a suggestion of only whitespace becomes empty.
   */
  static String stripTrailingWhitespace(String text) {
    return stripTrailingWhitespace(null, text);
  }

  /**
   * {@link #stripTrailingWhitespace(String)}, except mid-line: a one-line suggestion inserted
   * before code keeps the blank that separates it from that code ({@code sum(|values)} with {@code
   * prices, } gives {@code sum(prices, values)}, not {@code sum(prices,values)}).
   */
  static String stripTrailingWhitespace(Surroundings around, String text) {
    if (around != null
        && around.cursorMidLine()
        && text.indexOf('\n') < 0
        && !Lines.isBlankChar(around.lineSuffix.charAt(0))
        && !text.isBlank()) {
      return text;
    }
    List<String> lines = Lines.split(text);
    List<String> stripped = new ArrayList<>(lines.size());
    for (String line : lines) {
      stripped.add(Lines.stripTrailing(line));
    }
    int end = stripped.size();
    while (end > 0 && stripped.get(end - 1).isEmpty()) {
      end--;
    }
    return Lines.join(stripped.subList(0, end));
  }

  /**
   * Codestral sometimes starts with a space although the line already ends with one ({@code x = }
   * then {@code 42}); the second space is dropped. Only after code: at an indentation, leading
   * spaces are indentation and are handled by {@link #matchFileIndentation}.
   */
  static String dropLeadingSpaceAfterSpace(Surroundings around, String text) {
    String prefix = around.linePrefix;
    if (prefix.isBlank() || !Lines.isBlankChar(prefix.charAt(prefix.length() - 1))) {
      return text;
    }
    int start = 0;
    while (start < text.length() && Lines.isBlankChar(text.charAt(start))) {
      start++;
    }
    return text.substring(start);
  }

  /**
   * On a line holding only indentation, a model that indents its first line again (four spaces
   * typed, {@code return x} answered) would double it: that first line's own indentation goes when
   * the cursor already stands where the line belongs (inside a block opened above, else at the
   * indentation of the line above).
   */
  static String dropDoubledIndentation(Surroundings around, String text) {
    if (!around.cursorAtIndentation()
        || around.linePrefix.isEmpty()
        || text.isEmpty()
        || !Lines.isBlankChar(text.charAt(0))) {
      return text;
    }
    String previous = around.previousNonBlankLine();
    if (previous == null) {
      return text;
    }
    int tab = around.indentation.width();
    int cursor = Lines.indentColumns(around.linePrefix, tab);
    int above = Lines.indentColumns(previous, tab);
    boolean inPlace =
        ScopeFixes.opensBlock(previous, around.languageId) ? cursor > above : cursor == above;
    if (!inPlace) {
      return text;
    }
    return text.substring(Lines.leadingWhitespace(Lines.firstLine(text)).length());
  }

  /**
   * The suggestion indents the way the file does: spaces become tabs in a tab-indented file and
   * tabs become spaces (of the file's step) in a space-indented one. The first line is left alone
   * unless the cursor is at the start of the line, since its leading blanks then continue text the
   * user already has. A file with no indented line gives no clue, and nothing changes.
   */
  static String matchFileIndentation(Surroundings around, String text) {
    Indentation file = around.indentation;
    if (file.style() == Indentation.Style.UNKNOWN) {
      return text;
    }
    List<String> lines = Lines.split(text);
    int modelStep = Indentation.spaceStep(lines) == 2 ? 2 : Indentation.DEFAULT_WIDTH;
    List<String> fixed = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i == 0 && !around.linePrefix.isEmpty()) {
        fixed.add(line);
        continue;
      }
      String leading = Lines.leadingWhitespace(line);
      String body = line.substring(leading.length());
      if (file.style() == Indentation.Style.TABS && leading.indexOf(' ') >= 0) {
        int columns = Lines.indentColumns(leading, modelStep);
        fixed.add("\t".repeat(columns / modelStep) + " ".repeat(columns % modelStep) + body);
      } else if (file.style() == Indentation.Style.SPACES && leading.indexOf('\t') >= 0) {
        fixed.add(" ".repeat(Lines.indentColumns(leading, file.width())) + body);
      } else {
        fixed.add(line);
      }
    }
    return Lines.join(fixed);
  }
}
