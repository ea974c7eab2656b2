package codestral.lsp.prompt;

import codestral.lsp.document.DocumentSnapshot;

/**
 * Cuts the window around the cursor: up to {@code maxPrefixChars} before it and {@code
 * maxSuffixChars} after it, widened or narrowed to whole lines where that is possible, and never
 * inside a surrogate pair.
 *
 * <p>Costs O(window), never O(document): only the window's text is copied.
 */
public final class WindowBuilder {
  private final int maxPrefixChars;
  private final int maxSuffixChars;

  public WindowBuilder(int maxPrefixChars, int maxSuffixChars) {
    this.maxPrefixChars = maxPrefixChars;
    this.maxSuffixChars = maxSuffixChars;
  }

  public FimWindow build(DocumentSnapshot snapshot, int cursorOffset) {
    int cursor = Math.max(0, Math.min(cursorOffset, snapshot.length()));
    int start = prefixStart(snapshot, cursor);
    int end = suffixEnd(snapshot, cursor);
    return new FimWindow(
        snapshot.text(start, cursor), snapshot.text(cursor, end), snapshot.languageId(), cursor);
  }

  private int prefixStart(DocumentSnapshot snapshot, int cursor) {
    int earliest = Math.max(0, cursor - maxPrefixChars);
    if (earliest == 0) {
      return 0;
    }
    // Start on the first whole line inside the budget, unless the cursor's own line is too long.
    int line = snapshot.lineOf(earliest);
    int start = snapshot.lineStart(line) == earliest ? earliest : lineStartAfter(snapshot, line, cursor);
    return avoidSplit(snapshot, start >= 0 ? start : earliest, cursor);
  }

  private static int lineStartAfter(DocumentSnapshot snapshot, int line, int cursor) {
    if (line + 1 < snapshot.lineCount() && snapshot.lineStart(line + 1) <= cursor) {
      return snapshot.lineStart(line + 1);
    }
    return -1;
  }

  private int suffixEnd(DocumentSnapshot snapshot, int cursor) {
    int latest = Math.min(snapshot.length(), cursor + maxSuffixChars);
    if (latest == snapshot.length()) {
      return latest;
    }
    int line = snapshot.lineOf(latest);
    int end = snapshot.lineStart(line);
    if (end <= cursor) {
      end = latest;
    }
    return avoidSplit(snapshot, end, cursor);
  }

  /** Moves a cut that falls between the halves of a surrogate pair onto the pair's start. */
  private static int avoidSplit(DocumentSnapshot snapshot, int cut, int cursor) {
    if (cut <= 0 || cut >= snapshot.length() || cut == cursor) {
      return cut;
    }
    String around = snapshot.text(cut - 1, cut + 1);
    if (Character.isHighSurrogate(around.charAt(0)) && Character.isLowSurrogate(around.charAt(1))) {
      return cut < cursor ? cut + 1 : cut - 1;
    }
    return cut;
  }
}
