package codestral.lsp.completion;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and timer moved by hand, so tests of time-dependent behaviour never sleep. */
final class ManualClock implements Ticker, DelayScheduler {
  private long nanos;
  private final List<Task> tasks = new ArrayList<>();

  private static final class Task {
    final long due;
    final Runnable action;
    boolean cancelled;

    Task(long due, Runnable action) {
      this.due = due;
      this.action = action;
    }
  }

  @Override
  public synchronized long read() {
    return nanos;
  }

  @Override
  public synchronized Runnable schedule(Runnable action, long delayMillis) {
    Task task = new Task(nanos + delayMillis * 1_000_000, action);
    tasks.add(task);
    return () -> {
      synchronized (this) {
        task.cancelled = true;
      }
    };
  }

  /** Moves time forward, running every task that falls due, in order. */
  void advanceMillis(long millis) {
    long target;
    synchronized (this) {
      target = nanos + millis * 1_000_000;
    }
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(task -> !task.cancelled && task.due <= target)
                .min(Comparator.comparingLong(task -> task.due))
                .orElse(null);
        if (next == null) {
          nanos = target;
          return;
        }
        tasks.remove(next);
        nanos = Math.max(nanos, next.due);
      }
      next.action.run();
    }
  }

  /** Tasks waiting and not cancelled. */
  synchronized long pending() {
    return tasks.stream().filter(task -> !task.cancelled).count();
  }
}
