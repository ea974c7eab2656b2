package codestral.lsp.backend;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits without holding a thread: the future completes after the delay. Injected so that tests of
 * retries and cool-downs run at once and can see every delay that was asked for.
 */
@FunctionalInterface
public interface Scheduler {

  /** A future that completes (on some other thread) once {@code delay} has passed. */
  CompletableFuture<Void> after(Duration delay);

  /** The real thing, on the common pool's delayed executor. */
  static Scheduler system() {
    return delay ->
        CompletableFuture.runAsync(
            () -> {}, CompletableFuture.delayedExecutor(Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
  }
}
