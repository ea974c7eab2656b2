package codestral.lsp.prompt;

import codestral.lsp.document.DocumentSnapshot;

/**
 * Cuts the prefix and the suffix around the cursor so that their estimated tokens fit a budget.
 *
 * <p>It walks outward from the cursor one character at a time, adding each character's cost,
 * reading the document in growing chunks: the work is proportional to the window, never to the
 * document, so a cursor in a 10 MB file costs what it costs in a small one. The cut then moves
 * inward to a line boundary, unless that boundary is beyond the cursor (the cursor's own line does
 * not fit: a minified line of megabytes), where it stays mid-line. A cut never splits a surrogate
 * pair or a CRLF.
 *
 * <p>The prefix gets {@code prefixShare} of the budget and the suffix the rest; what one side
 * cannot use (the cursor is near the start or the end of the file) goes to the other.
 */
public final class WindowCutter {
  private static final int MIN_CHUNK = 1_024;
  private static final int MAX_CHUNK = 65_536;

  private WindowCutter() {}

  /**
   * The window around {@code cursor} whose estimate by {@code rate} is at most {@code
   * budgetTokens} (the selected text, when there is one, is counted first and always kept).
   *
   * @param selected the completion-menu item that replaces part of the text before the cursor, or
   *     null
   */
  public static FimWindow cut(
      DocumentSnapshot snapshot,
      int cursorOffset,
      SelectedText selected,
      int budgetTokens,
      double prefixShare,
      TokenEstimator.Rate rate) {
    int length = snapshot.length();
    int cursor = Math.max(0, Math.min(cursorOffset, length));
    int prefixEnd = cursor;
    int suffixStart = cursor;
    String inserted = "";
    if (selected != null) {
      prefixEnd = Math.max(0, Math.min(selected.start(), cursor));
      suffixStart = Math.min(length, Math.max(selected.end(), cursor));
      inserted = selected.text();
    }
    long total = rate.milliBudget(budgetTokens);
    long insertedCost = TokenEstimator.milliTokens(inserted, 0, inserted.length());
    long available = Math.max(0, total - insertedCost);
    double share = Math.max(0, Math.min(1, prefixShare));
    long prefixBudget = (long) (available * share);

    int end = suffixEnd(snapshot, suffixStart, available - prefixBudget);
    String suffix = snapshot.text(suffixStart, end);
    long suffixCost = TokenEstimator.milliTokens(suffix, 0, suffix.length());
    int start = prefixStart(snapshot, prefixEnd, available - suffixCost);
    String prefix = snapshot.text(start, prefixEnd);
    long prefixCost = TokenEstimator.milliTokens(prefix, 0, prefix.length());
    if (start == 0 && end < length) {
      // The prefix reached the top of the file: its unused share goes to the suffix.
      end = suffixEnd(snapshot, suffixStart, available - prefixCost);
      suffix = snapshot.text(suffixStart, end);
      suffixCost = TokenEstimator.milliTokens(suffix, 0, suffix.length());
    }
    double raw = (prefixCost + insertedCost + suffixCost) / 1000.0;
    return new FimWindow("", prefix + inserted, suffix, snapshot.languageId(), cursor, raw);
  }

  /** Where the prefix starts: as early as the budget allows, then moved to a line start. */
  static int prefixStart(DocumentSnapshot snapshot, int from, long budgetMilli) {
    int limit = walkBack(snapshot, from, budgetMilli);
    if (limit == 0 || limit == from) {
      return limit;
    }
    int line = snapshot.lineOf(limit);
    if (snapshot.lineStart(line) == limit) {
      return limit;
    }
    if (line + 1 < snapshot.lineCount()) {
      int next = snapshot.lineStart(line + 1);
      if (next <= from) {
        return next;
      }
    }
    // Mid-line: never start on the low half of a pair or between CR and LF.
    String pair = snapshot.text(limit - 1, limit + 1);
    if (Character.isHighSurrogate(pair.charAt(0)) && Character.isLowSurrogate(pair.charAt(1))) {
      return limit + 1;
    }
    if (pair.charAt(0) == '\r' && pair.charAt(1) == '\n') {
      return limit + 1;
    }
    return limit;
  }

  /** Where the suffix ends: as late as the budget allows, then moved back to a line start. */
  static int suffixEnd(DocumentSnapshot snapshot, int from, long budgetMilli) {
    int limit = walkForward(snapshot, from, budgetMilli);
    if (limit == snapshot.length() || limit == from) {
      return limit;
    }
    int line = snapshot.lineOf(limit);
    int lineStart = snapshot.lineStart(line);
    if (lineStart == limit) {
      return limit;
    }
    if (lineStart > from) {
      return lineStart;
    }
    String pair = snapshot.text(limit - 1, limit + 1);
    if (Character.isHighSurrogate(pair.charAt(0)) && Character.isLowSurrogate(pair.charAt(1))) {
      return limit - 1;
    }
    if (pair.charAt(0) == '\r' && pair.charAt(1) == '\n') {
      return limit - 1;
    }
    return limit;
  }

  /**
   * A first read sized for the budget at about four characters per token (typical code), so
   * that one or two reads usually cover the window without copying much more than it.
   */
  private static int firstChunk(long budgetMilli) {
    return (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, budgetMilli / 240));
  }

  /** The earliest offset whose text up to {@code from} costs at most {@code budgetMilli}. */
  static int walkBack(DocumentSnapshot snapshot, int from, long budgetMilli) {
    long used = 0;
    int position = from;
    int chunk = firstChunk(budgetMilli);
    while (position > 0) {
      int chunkStart = Math.max(0, position - chunk);
      String text = snapshot.text(chunkStart, position);
      for (int i = text.length() - 1; i >= 0; i--) {
        used += TokenEstimator.milliTokens(text.charAt(i));
        if (used > budgetMilli) {
          return chunkStart + i + 1;
        }
      }
      position = chunkStart;
      chunk = Math.min(MAX_CHUNK, chunk * 2);
    }
    return 0;
  }

  /** The latest offset whose text from {@code from} costs at most {@code budgetMilli}. */
  static int walkForward(DocumentSnapshot snapshot, int from, long budgetMilli) {
    int length = snapshot.length();
    long used = 0;
    int position = from;
    int chunk = firstChunk(budgetMilli);
    while (position < length) {
      int chunkEnd = Math.min(length, position + chunk);
      String text = snapshot.text(position, chunkEnd);
      for (int i = 0; i < text.length(); i++) {
        used += TokenEstimator.milliTokens(text.charAt(i));
        if (used > budgetMilli) {
          return position + i;
        }
      }
      position = chunkEnd;
      chunk = Math.min(MAX_CHUNK, chunk * 2);
    }
    return length;
  }
}
