package codestral.lsp.backend;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits without holding a thread: the future completes after the delay, and cancelling it drops
 * what was chained to it. The one timer of the server (debounce, retries, cool-downs, deadlines),
 * injected so that tests move time by hand and see every delay asked for.
 */
@FunctionalInterface
public interface Scheduler {

  /** A future that completes (on some other thread) once {@code delay} has passed. */
  CompletableFuture<Void> after(Duration delay);

  /** The real thing, on the common pool's delayed executor. */
  static Scheduler system() {
    return delay ->
        CompletableFuture.runAsync(
            () -> {},
            CompletableFuture.delayedExecutor(
                Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
  }

  /**
   * On a timer of one's own (use daemon threads): what is chained runs on it, in order. A cancelled
   * wait leaves the timer's queue at once, so a burst of keystrokes leaves no backlog.
   */
  static Scheduler on(ScheduledExecutorService timer) {
    return delay -> {
      CompletableFuture<Void> due = new CompletableFuture<>();
      ScheduledFuture<?> task =
          timer.schedule(() -> due.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
      due.whenComplete(
          (ignored, failure) -> {
            if (due.isCancelled()) {
              task.cancel(false);
            }
          });
      return due;
    };
  }
}
