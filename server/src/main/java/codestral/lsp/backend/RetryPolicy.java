package codestral.lsp.backend;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The numbers of the fault policy, pure so they are unit-tested with a fixed random source.
 *
 * <p>Retries (5xx, refused or reset connections) are for requests the user asked for explicitly,
 * and bounded: at most {@link #MAX_RETRIES} more attempts, each after a jittered, doubling delay,
 * so that many clients hit by the same outage do not come back in step. A 429 without a stated wait
 * pauses automatic requests for a doubling cool-down.
 */
public final class RetryPolicy {
  /** Attempts after the first, for an Invoked request. */
  public static final int MAX_RETRIES = 2;

  static final Duration RETRY_BASE = Duration.ofMillis(250);
  static final Duration RETRY_CAP = Duration.ofSeconds(2);
  static final Duration COOL_DOWN_BASE = Duration.ofSeconds(1);
  static final Duration COOL_DOWN_CAP = Duration.ofSeconds(60);

  /** Consecutive 5xx answers after which the API counts as down. */
  static final int SERVER_ERRORS_FOR_OFFLINE = 3;

  private RetryPolicy() {}

  /**
   * The wait before retry number {@code retry} (1-based): "equal jitter", half of the doubled base
   * plus a random part of the other half, so a retry never comes at once nor in step.
   */
  public static Duration retryDelay(int retry, DoubleSupplier random) {
    long ceiling =
        Math.min(
            RETRY_CAP.toMillis(), RETRY_BASE.toMillis() << Math.min(20, Math.max(0, retry - 1)));
    long half = ceiling / 2;
    double r = Math.max(0, Math.min(1, random.getAsDouble()));
    return Duration.ofMillis(half + (long) (r * (ceiling - half)));
  }

  /** The cool-down after the {@code consecutive}-th 429 in a row that stated no wait. */
  public static Duration coolDown(int consecutive) {
    long millis = COOL_DOWN_BASE.toMillis() << Math.min(20, Math.max(0, consecutive - 1));
    return Duration.ofMillis(Math.min(COOL_DOWN_CAP.toMillis(), millis));
  }
}
