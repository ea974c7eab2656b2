package codestral.lsp.completion;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: the debounce timer and the release of abandoned calls. An interface
 * so tests drive time by hand instead of sleeping.
 */
public interface DelayScheduler {

  /**
   * Runs the task after {@code delayMillis}.
   *
   * @return an action that cancels the task if it has not started
   */
  Runnable schedule(Runnable task, long delayMillis);

  /** A scheduler on an executor service (use one with daemon threads). */
  static DelayScheduler of(ScheduledExecutorService executor) {
    return (task, delayMillis) -> {
      ScheduledFuture<?> future = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    };
  }
}
