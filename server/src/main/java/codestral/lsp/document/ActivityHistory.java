package codestral.lsp.document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A bounded log of recent opens and edits, newest first, for the prompt's cross-file context.
 *
 * <p>Consecutive edits of one document on nearby lines fold into one entry, so a typing burst does
 * not push every other document out of the window.
 */
public final class ActivityHistory {
  private static final int NEARBY_LINES = 5;

  private final int capacity;
  private final Deque<RecentActivity> entries = new ArrayDeque<>();

  public ActivityHistory(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(String uri, String languageId, RecentActivity.Kind kind, int line) {
    RecentActivity newest = entries.peekFirst();
    if (newest != null
        && newest.uri().equals(uri)
        && newest.kind() == kind
        && Math.abs(newest.line() - line) <= NEARBY_LINES) {
      entries.pollFirst();
    }
    entries.addFirst(new RecentActivity(uri, languageId, kind, line));
    while (entries.size() > capacity) {
      entries.pollLast();
    }
  }

  synchronized void forget(String uri) {
    entries.removeIf(entry -> entry.uri().equals(uri));
  }

  /** A copy of the log, newest first. */
  public synchronized List<RecentActivity> recent() {
    return new ArrayList<>(entries);
  }
}
