package codestral.lsp.postprocess;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A rough lexer that tracks which brackets are open and whether a string literal is open, skipping
 * the insides of strings and comments so that a {@code )} in {@code ":)"} or in {@code // :)} does
 * not count. It is a heuristic, not a parser: it knows C-family, Python and shell comments,
 * backslash escapes and the three quote characters, and nothing about raw strings or heredocs.
 */
final class CodeScanner {
  private final boolean hashComments;
  private final Deque<Character> open = new ArrayDeque<>();
  private char inString;
  private boolean inBlockComment;
  private boolean inLineComment;
  private int unmatchedClosers;

  CodeScanner(String languageId) {
    this.hashComments = usesHashComments(languageId);
  }

  static boolean usesHashComments(String languageId) {
    switch (languageId == null ? "" : languageId) {
      case "python":
      case "ruby":
      case "shellscript":
      case "sh":
      case "bash":
      case "zsh":
      case "perl":
      case "r":
      case "toml":
      case "yaml":
      case "make":
      case "makefile":
      case "dockerfile":
      case "elixir":
      case "julia":
      case "nim":
        return true;
      default:
        return false;
    }
  }

  /** Scans more text; state carries over, so a string may span calls. */
  CodeScanner scan(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (c == '\n') {
        inLineComment = false;
        // A line break ends an unterminated "…" or '…' in most languages; template strings go on.
        if (inString == '"' || inString == '\'') {
          inString = 0;
        }
        continue;
      }
      if (inLineComment) {
        continue;
      }
      if (inBlockComment) {
        if (c == '*' && next == '/') {
          inBlockComment = false;
          i++;
        }
        continue;
      }
      if (inString != 0) {
        if (c == '\\') {
          i++;
        } else if (c == inString) {
          inString = 0;
        }
        continue;
      }
      if (c == '/' && next == '/') {
        inLineComment = true;
      } else if (c == '/' && next == '*') {
        inBlockComment = true;
        i++;
      } else if (c == '#' && hashComments) {
        inLineComment = true;
      } else if (Closers.isQuote(c)) {
        inString = c;
      } else if (c == '(' || c == '[' || c == '{') {
        open.push(c);
      } else if (Closers.isBracketCloser(c)) {
        if (!open.isEmpty() && open.peek() == Closers.opening(c)) {
          open.pop();
        } else {
          unmatchedClosers++;
        }
      }
    }
    return this;
  }

  /** The innermost open bracket, or 0. */
  char innermostOpen() {
    return open.isEmpty() ? 0 : open.peek();
  }

  /** Closes the innermost bracket, as a closer after the scanned text would. */
  void close() {
    open.pop();
  }

  /** The quote of the string literal left open, or 0. */
  char openString() {
    return inString;
  }

  void closeString() {
    inString = 0;
  }

  /** Brackets still open after the scanned text. */
  int openBrackets() {
    return open.size();
  }

  /** Closers that had no opener in the scanned text. */
  int unmatchedClosers() {
    return unmatchedClosers;
  }

  /** Whether the text left brackets open: the line goes on below. */
  static boolean opensBrackets(String text, String languageId) {
    return new CodeScanner(languageId).scan(text).openBrackets() > 0;
  }
}
