package codestral.lsp.completion;

import codestral.lsp.prompt.FimWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * When a suggestion is whole, decided from the cursor's context, so a streamed answer can be cut
 * off (and the call cancelled) as soon as the rest would be thrown away.
 *
 * <ul>
 *   <li>{@link Mode#LINE}: text follows the cursor on its line, so only the rest of that line can
 *       be inserted; the answer ends at the first line break, which is also sent as a stop
 *       sequence, with fewer tokens allowed.
 *   <li>{@link Mode#BLOCK}: the cursor ends its line (or the line is empty), so several lines may
 *       follow; the answer ends before the first line indented less than the cursor's line (after
 *       any blank lines, which are dropped), and, when the cursor's line opens a block ({@code :},
 *       {@code {}, {@code (}, {@code [}), at the first line back at the cursor line's indentation,
 *       keeping it when it closes the block ({@code }}, {@code )}, {@code ]}).
 * </ul>
 */
final class StopRule {
  /** At most this many tokens for the rest of one line. */
  static final int LINE_MAX_TOKENS = 64;

  enum Mode {
    LINE,
    BLOCK
  }

  private final Mode mode;
  private final String linePrefix;
  private final int baseIndent;

  private StopRule(Mode mode, String linePrefix) {
    this.mode = mode;
    this.linePrefix = linePrefix;
    this.baseIndent = indentation(linePrefix);
  }

  static StopRule forWindow(FimWindow window) {
    Mode mode = window.lineSuffix().isBlank() ? Mode.BLOCK : Mode.LINE;
    return new StopRule(mode, window.linePrefix());
  }

  Mode mode() {
    return mode;
  }

  /** The stop sequences to send: the user's, plus a line break for a one-line answer. */
  List<String> stops(List<String> configured) {
    if (mode == Mode.BLOCK || configured.contains("\n")) {
      return configured;
    }
    List<String> stops = new ArrayList<>(configured);
    stops.add("\n");
    return stops;
  }

  /** The {@code max_tokens} to send. */
  int maxTokens(int configured) {
    return mode == Mode.LINE ? Math.min(configured, LINE_MAX_TOKENS) : configured;
  }

  /** Whether the text generated so far already holds the whole answer. */
  boolean isDecided(String text) {
    return end(text) >= 0;
  }

  /** The text cut where the answer ends (the whole text when the end is not in it yet). */
  String cut(String text) {
    int end = end(text);
    return end < 0 ? text : text.substring(0, end);
  }

  /** Where the answer ends in the text, or -1 when more text is needed to know. */
  int end(String text) {
    int firstBreak = nextBreak(text, 0);
    if (mode == Mode.LINE || firstBreak < 0) {
      return firstBreak;
    }
    boolean opens = opensBlock(linePrefix + text.substring(0, firstBreak));
    int lineStart = afterBreak(text, firstBreak);
    int lastContentEnd = firstBreak;
    while (lineStart < text.length()) {
      int contentStart = lineStart;
      while (contentStart < text.length() && isIndent(text.charAt(contentStart))) {
        contentStart++;
      }
      int lineEnd = nextBreak(text, lineStart);
      if (contentStart == text.length() || contentStart == lineEnd) {
        if (lineEnd < 0) {
          return -1; // Only indentation so far: cannot tell yet.
        }
        lineStart = afterBreak(text, lineEnd); // A blank line: decided by the next one.
        continue;
      }
      int indent = contentStart - lineStart;
      if (indent < baseIndent) {
        return lastContentEnd;
      }
      if (opens && indent == baseIndent) {
        if (!isCloser(text.charAt(contentStart))) {
          return lastContentEnd;
        }
        return lineEnd; // The closing line belongs to the block; -1 until it is whole.
      }
      if (lineEnd < 0) {
        return -1;
      }
      lastContentEnd = lineEnd;
      lineStart = afterBreak(text, lineEnd);
    }
    return -1;
  }

  private static boolean opensBlock(String line) {
    String trimmed = line.stripTrailing();
    if (trimmed.isEmpty()) {
      return false;
    }
    char last = trimmed.charAt(trimmed.length() - 1);
    return last == ':' || last == '{' || last == '(' || last == '[';
  }

  private static boolean isCloser(char c) {
    return c == '}' || c == ')' || c == ']';
  }

  private static boolean isIndent(char c) {
    return c == ' ' || c == '\t';
  }

  private static int indentation(String line) {
    int i = 0;
    while (i < line.length() && isIndent(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int nextBreak(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return -1;
  }

  private static int afterBreak(String text, int lineBreak) {
    if (text.charAt(lineBreak) == '\r' && lineBreak + 1 < text.length() && text.charAt(lineBreak + 1) == '\n') {
      return lineBreak + 2;
    }
    return lineBreak + 1;
  }
}
