package codestral.lsp.prompt;

import codestral.lsp.document.DocumentSnapshot;

/**
 * Cuts the prefix and the suffix around the cursor so that their estimated tokens fit a budget.
 *
 * <p>It walks outward from the cursor one character at a time, adding each character's cost,
 * reading the document a chunk at a time: the work is proportional to the window, never to the
 * document, so a cursor in a 10 MB file costs what it costs in a small one. The cut then moves
 * inward to a line boundary, unless that boundary is beyond the cursor (the cursor's own line does
 * not fit: a minified line of megabytes), where it stays mid-line. A cut never splits a surrogate
 * pair or a CRLF.
 *
 * <p>The prefix gets {@code prefixShare} of the budget and the suffix the rest; what one side
 * cannot use (the cursor is near the start or the end of the file) goes to the other.
 */
public final class WindowCutter {
  /**
   * Chars read from the document per step, into one array per walk: 4 KB, where an array sized for
   * the whole window (the walks used to read it in one or two growing chunks) was some 30 KB of
   * garbage per completion at the default budget, for no measurable speed (a step is one descent of
   * the rope and an array copy).
   */
  static final int CHUNK = 2_048;

  private WindowCutter() {}

  /**
   * The window around {@code cursor} whose estimate by {@code rate} is at most {@code budgetTokens}
   * (the selected text, when there is one, is counted first and always kept).
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

    Edge end = suffixEnd(snapshot, suffixStart, available - prefixBudget);
    Edge start = prefixStart(snapshot, prefixEnd, available - end.cost);
    if (start.offset == 0 && end.offset < length) {
      // The prefix reached the top of the file: its unused share goes to the suffix.
      end = suffixEnd(snapshot, suffixStart, available - start.cost);
    }
    String prefix = snapshot.text(start.offset, prefixEnd);
    String suffix = snapshot.text(suffixStart, end.offset);
    double raw = (start.cost + insertedCost + end.cost) / 1000.0;
    // Most requests select nothing: no copy of the prefix just to append "".
    String before = inserted.isEmpty() ? prefix : prefix + inserted;
    return new FimWindow("", before, suffix, snapshot.languageId(), cursor, raw);
  }

  /**
   * A cut: an offset, and the cost of the text between it and the cursor side it was walked from,
   * so the window is never counted twice.
   */
  static final class Edge {
    final int offset;
    final long cost;

    Edge(int offset, long cost) {
      this.offset = offset;
      this.cost = cost;
    }
  }

  /** Where the prefix starts: as early as the budget allows, then moved to a line start. */
  static Edge prefixStart(DocumentSnapshot snapshot, int from, long budgetMilli) {
    Edge walked = walkBack(snapshot, from, budgetMilli);
    int limit = walked.offset;
    if (limit == 0 || limit == from) {
      return walked;
    }
    int line = snapshot.lineOf(limit);
    if (snapshot.lineStart(line) == limit) {
      return walked;
    }
    if (line + 1 < snapshot.lineCount()) {
      int next = snapshot.lineStart(line + 1);
      if (next <= from) {
        return movedTo(snapshot, walked, next);
      }
    }
    // Mid-line: never start on the low half of a pair or between CR and LF.
    String pair = snapshot.text(limit - 1, limit + 1);
    if (Character.isHighSurrogate(pair.charAt(0)) && Character.isLowSurrogate(pair.charAt(1))) {
      return movedTo(snapshot, walked, limit + 1);
    }
    if (pair.charAt(0) == '\r' && pair.charAt(1) == '\n') {
      return movedTo(snapshot, walked, limit + 1);
    }
    return walked;
  }

  /** Where the suffix ends: as late as the budget allows, then moved back to a line start. */
  static Edge suffixEnd(DocumentSnapshot snapshot, int from, long budgetMilli) {
    Edge walked = walkForward(snapshot, from, budgetMilli);
    int limit = walked.offset;
    if (limit == snapshot.length() || limit == from) {
      return walked;
    }
    int line = snapshot.lineOf(limit);
    int lineStart = snapshot.lineStart(line);
    if (lineStart == limit) {
      return walked;
    }
    if (lineStart > from) {
      return movedTo(snapshot, walked, lineStart);
    }
    String pair = snapshot.text(limit - 1, limit + 1);
    if (Character.isHighSurrogate(pair.charAt(0)) && Character.isLowSurrogate(pair.charAt(1))) {
      return movedTo(snapshot, walked, limit - 1);
    }
    if (pair.charAt(0) == '\r' && pair.charAt(1) == '\n') {
      return movedTo(snapshot, walked, limit - 1);
    }
    return walked;
  }

  /**
   * The edge moved inward to {@code offset}: at most a line, so counting what it drops is cheap.
   */
  private static Edge movedTo(DocumentSnapshot snapshot, Edge edge, int offset) {
    int from = Math.min(edge.offset, offset);
    int to = Math.max(edge.offset, offset);
    char[] dropped = new char[to - from];
    snapshot.getChars(from, to, dropped, 0);
    return new Edge(offset, edge.cost - TokenEstimator.milliTokens(dropped, 0, dropped.length));
  }

  /**
   * The earliest offset whose text up to {@code from} costs at most {@code budgetMilli}, and that
   * cost.
   */
  static Edge walkBack(DocumentSnapshot snapshot, int from, long budgetMilli) {
    long used = 0;
    int position = from;
    // Chunks are copied into one array: no string per chunk, an array loop.
    char[] chars = new char[Math.min(CHUNK, from)];
    while (position > 0) {
      int chunkStart = Math.max(0, position - CHUNK);
      int count = position - chunkStart;
      snapshot.getChars(chunkStart, position, chars, 0);
      for (int i = count - 1; i >= 0; i--) {
        int cost = TokenEstimator.milliTokens(chars[i]);
        if (used + cost > budgetMilli) {
          return new Edge(chunkStart + i + 1, used);
        }
        used += cost;
      }
      position = chunkStart;
    }
    return new Edge(0, used);
  }

  /**
   * The latest offset whose text from {@code from} costs at most {@code budgetMilli}, and that
   * cost.
   */
  static Edge walkForward(DocumentSnapshot snapshot, int from, long budgetMilli) {
    int length = snapshot.length();
    long used = 0;
    int position = from;
    char[] chars = new char[Math.min(CHUNK, length - from)];
    while (position < length) {
      int chunkEnd = Math.min(length, position + CHUNK);
      int count = chunkEnd - position;
      snapshot.getChars(position, chunkEnd, chars, 0);
      for (int i = 0; i < count; i++) {
        int cost = TokenEstimator.milliTokens(chars[i]);
        if (used + cost > budgetMilli) {
          return new Edge(position + i, used);
        }
        used += cost;
      }
      position = chunkEnd;
    }
    return new Edge(length, used);
  }
}
