package codestral.lsp.postprocess;

/**
 * Closing characters: what a line tail after the cursor is made of when the editor auto-closed a
 * bracket or quote ({@code foo(|)}, {@code "|"}, {@code [|];}).
 */
final class Closers {
  private Closers() {}

  static boolean isCloser(char c) {
    switch (c) {
      case ')':
      case ']':
      case '}':
      case '"':
      case '\'':
      case '`':
      case ';':
      case ',':
        return true;
      default:
        return false;
    }
  }

  static boolean isBracketCloser(char c) {
    return c == ')' || c == ']' || c == '}';
  }

  static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  static char opening(char closer) {
    switch (closer) {
      case ')':
        return '(';
      case ']':
        return '[';
      default:
        return '{';
    }
  }

  /** Whether the text has only closing characters and whitespace (and at least one closer). */
  static boolean onlyClosers(String text) {
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isCloser(c)) {
        any = true;
      } else if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return any;
  }
}
