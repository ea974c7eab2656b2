package codestral.lsp.postprocess;

import java.util.ArrayList;
import java.util.List;

/** Line helpers shared by the fixes; every fix works on {@code \n}-separated text. */
final class Lines {
  private Lines() {}

  /** CRLF and lone CR become LF, so a fix never has to think about line-break styles. */
  static String normalize(String text) {
    return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** The lines of {@code \n}-separated text; a trailing break yields a last empty line. */
  static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    // indexOf, not a charAt loop: it scans with the JDK's vectorised search.
    for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      lines.add(text.substring(start, end));
      start = end + 1;
    }
    lines.add(text.substring(start));
    return lines;
  }

  static String join(List<String> lines) {
    return String.join("\n", lines);
  }

  static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  static String lastLine(String text) {
    return text.substring(text.lastIndexOf('\n') + 1);
  }

  static String stripTrailing(String line) {
    int end = line.length();
    while (end > 0 && isBlankChar(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end);
  }

  /** The run of spaces and tabs a line starts with. */
  static String leadingWhitespace(String line) {
    int end = 0;
    while (end < line.length() && isBlankChar(line.charAt(end))) {
      end++;
    }
    return line.substring(0, end);
  }

  /**
   * Whether {@code text[start, end)} is empty or only whitespace, as {@link String#isBlank()} says
   * of a line.
   */
  static boolean isBlank(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Indentation width in columns, a tab counting as {@code tabWidth}. */
  static int indentColumns(String line, int tabWidth) {
    return indentColumns(line, 0, line.length(), tabWidth);
  }

  /**
   * The indentation width of the line {@code text[start, end)}, a tab counting as {@code tabWidth}.
   */
  static int indentColumns(String text, int start, int end, int tabWidth) {
    int columns = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        columns++;
      } else if (c == '\t') {
        columns += tabWidth;
      } else {
        break;
      }
    }
    return columns;
  }

  /**
   * Whether the line has a letter or digit: a line of only punctuation is too common to compare.
   */
  static boolean hasWordCharacter(String line) {
    return line.codePoints().anyMatch(Character::isLetterOrDigit);
  }

  static boolean isBlankChar(char c) {
    return c == ' ' || c == '\t' || c == '\u000B' || c == '\f';
  }
}
