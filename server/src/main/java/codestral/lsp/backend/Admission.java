package codestral.lsp.backend;

import codestral.lsp.config.Settings;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a request may call the API now, from what the last answers said: during a rate-limit
 * cool-down automatic requests are held (they would only burn the quota the user needs when asking
 * explicitly) and explicit ones go through unless the API said how long to wait; while the key is
 * refused, only explicit requests try it again, until the key or endpoint changes. What the user is
 * shown of this is {@link BackendStatus}'s business.
 */
public final class Admission {
  /** A cool-down in force: the whole pause, and whether the API stated it (Retry-After). */
  public record CoolDown(Duration pause, boolean stated) {}

  private final Supplier<Settings> settings;
  private final Ticker ticker;

  private long coolDownUntilNanos;
  private CoolDown coolDown;
  private int consecutiveRateLimits;
  private String keyRefusal;
  private List<Object> refusedCredentials;

  /**
   * @param ticker the time the cool-downs are measured in; a fake one in tests
   */
  public Admission(Supplier<Settings> settings, Ticker ticker) {
    this.settings = settings;
    this.ticker = ticker;
  }

  /**
   * @param invoked whether the user asked explicitly (as opposed to as-you-type)
   */
  public synchronized boolean admits(boolean invoked) {
    if (coolingDown()) {
      return invoked && !coolDown.stated();
    }
    return keyRefusal().isEmpty() || invoked;
  }

  /** How long automatic requests are still held, or zero. */
  public synchronized Duration coolDownLeft() {
    return coolingDown() ? Duration.ofNanos(coolDownUntilNanos - ticker.read()) : Duration.ZERO;
  }

  /** The cool-down in force, if any. */
  synchronized Optional<CoolDown> coolDown() {
    return coolingDown() ? Optional.of(coolDown) : Optional.empty();
  }

  /** Why the key in force was refused, if it was. */
  synchronized Optional<String> keyRefusal() {
    boolean stillThatKey =
        keyRefusal != null && Objects.equals(refusedCredentials, credentials(settings.get()));
    return stillThatKey ? Optional.of(keyRefusal) : Optional.empty();
  }

  /** A 429: cool down for what the API stated, else for a doubling back-off; returns the pause. */
  synchronized Duration rateLimited(Optional<Duration> stated) {
    consecutiveRateLimits++;
    Duration wait = stated.orElseGet(() -> RetryPolicy.coolDown(consecutiveRateLimits));
    coolDownUntilNanos = ticker.read() + wait.toNanos();
    coolDown = new CoolDown(wait, stated.isPresent());
    return wait;
  }

  /** A 401/403: hold automatic requests while these credentials stay in force. */
  synchronized void keyRefused(String message) {
    keyRefusal = message;
    refusedCredentials = credentials(settings.get());
  }

  /** An answer came: nothing holds requests any more. */
  synchronized void succeeded() {
    coolDown = null;
    consecutiveRateLimits = 0;
    keyRefusal = null;
    refusedCredentials = null;
  }

  /** The settings changed: a refusal of other credentials no longer applies. */
  synchronized void settingsChanged() {
    if (keyRefusal().isEmpty()) {
      keyRefusal = null;
      refusedCredentials = null;
    }
  }

  private boolean coolingDown() {
    return coolDown != null && ticker.read() - coolDownUntilNanos < 0;
  }

  private static List<Object> credentials(Settings settings) {
    return Arrays.asList(settings.endpoint(), settings.apiKey());
  }
}
