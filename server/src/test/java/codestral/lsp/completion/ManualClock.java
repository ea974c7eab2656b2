package codestral.lsp.completion;

import codestral.lsp.backend.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A clock and timer moved by hand, so tests of time-dependent behaviour never sleep. */
final class ManualClock implements Ticker, Scheduler {
  private long nanos;
  private final List<Task> tasks = new ArrayList<>();

  private static final class Task {
    final long due;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Task(long due) {
      this.due = due;
    }

    boolean cancelled() {
      return done.isCancelled();
    }
  }

  @Override
  public synchronized long read() {
    return nanos;
  }

  @Override
  public synchronized CompletableFuture<Void> after(Duration delay) {
    Task task = new Task(nanos + delay.toNanos());
    tasks.add(task);
    return task.done;
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
                .filter(task -> !task.cancelled() && task.due <= target)
                .min(Comparator.comparingLong(task -> task.due))
                .orElse(null);
        if (next == null) {
          nanos = target;
          return;
        }
        tasks.remove(next);
        nanos = Math.max(nanos, next.due);
      }
      next.done.complete(null);
    }
  }

  /** Tasks waiting and not cancelled. */
  synchronized long pending() {
    return tasks.stream().filter(task -> !task.cancelled()).count();
  }
}
