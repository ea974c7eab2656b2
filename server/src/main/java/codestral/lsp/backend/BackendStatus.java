package codestral.lsp.backend;

import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What state the connection to the model is in, as the user should see it: fed by the outcome of
 * every call ({@link ResilientFimBackend}) and by the settings (completions off, no key, an
 * endpoint that may not be used), and reported to one listener on every change of state or
 * message, never per request.
 *
 * <p>It also decides admission: during a rate-limit cool-down automatic requests are held (they
 * would only burn the quota the user needs when asking explicitly), and explicit ones go through
 * unless the API said how long to wait; while the key is refused, only explicit requests try it
 * again. All state sits behind this object's lock, which is never held across a call or while
 * the listener runs.
 */
public final class BackendStatus {
  private static final Logger LOG = System.getLogger(BackendStatus.class.getName());

  /** The states of the {@code codestral/status} notification. */
  public enum State {
    READY("ready", false),
    BUSY("busy", false),
    RATE_LIMITED("rate-limited", true),
    UNAUTHORIZED("unauthorized", true),
    OFFLINE("offline", true),
    DISABLED("disabled", false);

    private final String wireName;
    private final boolean error;

    State(String wireName, boolean error) {
      this.wireName = wireName;
      this.error = error;
    }

    /** The name on the wire: {@code ready}, {@code rate-limited}, … */
    public String wireName() {
      return wireName;
    }

    /** Whether entering this state is worth telling the user in a message. */
    public boolean isError() {
      return error;
    }
  }

  /** A state and the human text that goes with it (never holding the key). */
  public record Report(State state, String message) {}

  private final Supplier<Settings> settings;
  private final Clock clock;
  private final Scheduler scheduler;
  private volatile Consumer<Report> listener = report -> {};

  private int inFlight;
  private Instant coolDownUntil;
  private Duration coolDownWait = Duration.ZERO;
  private boolean coolDownStated;
  private int consecutiveRateLimits;
  private int consecutiveServerErrors;
  private String unauthorized;
  private Object unauthorizedFor;
  private String offline;
  private Report last;

  public BackendStatus(Supplier<Settings> settings, Clock clock, Scheduler scheduler) {
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Who hears about changes; called outside the lock, possibly from several threads. */
  public void setListener(Consumer<Report> listener) {
    this.listener = Objects.requireNonNull(listener);
  }

  /**
   * The state now. Listeners that report to someone else should read this rather than trust the
   * order in which notifications reach them from several threads.
   */
  public Report current() {
    synchronized (this) {
      Report report = compute();
      return new Report(report.state(), ApiKey.mask(report.message()));
    }
  }

  /** The settings changed (or may have): recompute, and forget faults tied to the old ones. */
  public void refresh() {
    synchronized (this) {
      Settings now = settings.get();
      if (unauthorizedFor != null && !unauthorizedFor.equals(credentials(now))) {
        unauthorized = null;
        unauthorizedFor = null;
      }
      offline = null;
      consecutiveServerErrors = 0;
    }
    publish();
  }

  /**
   * Whether a request may call the API now.
   *
   * @param invoked whether the user asked explicitly (as opposed to as-you-type)
   */
  public boolean admits(boolean invoked) {
    synchronized (this) {
      if (coolingDown()) {
        return invoked && !coolDownStated;
      }
      if (unauthorized != null && Objects.equals(unauthorizedFor, credentials(settings.get()))) {
        return invoked;
      }
      return true;
    }
  }

  /** How long automatic requests are still held, or zero. */
  public Duration coolDownLeft() {
    synchronized (this) {
      return coolingDown() ? Duration.between(clock.instant(), coolDownUntil) : Duration.ZERO;
    }
  }

  void started() {
    synchronized (this) {
      inFlight++;
    }
    publish();
  }

  void finished() {
    synchronized (this) {
      inFlight = Math.max(0, inFlight - 1);
    }
    publish();
  }

  void succeeded() {
    synchronized (this) {
      coolDownUntil = null;
      consecutiveRateLimits = 0;
      consecutiveServerErrors = 0;
      unauthorized = null;
      unauthorizedFor = null;
      offline = null;
    }
    publish();
  }

  void unauthorized(String message) {
    synchronized (this) {
      unauthorized = message;
      unauthorizedFor = credentials(settings.get());
    }
    publish();
  }

  /** A 429: cool down for what the API stated, else for a doubling back-off. */
  void rateLimited(Optional<Duration> stated) {
    Duration wait;
    synchronized (this) {
      consecutiveRateLimits++;
      wait = stated.orElseGet(() -> RetryPolicy.coolDown(consecutiveRateLimits));
      coolDownUntil = clock.instant().plus(wait);
      coolDownWait = wait;
      coolDownStated = stated.isPresent();
    }
    LOG.log(Level.INFO, "Rate limited: automatic requests paused for {0} ms{1}", String.valueOf(wait.toMillis()),
        stated.isPresent() ? " (as the API asked)" : " (back-off)");
    publish();
    // When the pause is over the state changes by itself: say so then, not at the next keystroke.
    scheduler.after(wait.plusMillis(1)).thenRun(this::publish);
  }

  /** A 5xx; returns whether the API now counts as down. */
  boolean serverError(String message) {
    boolean down;
    synchronized (this) {
      consecutiveServerErrors++;
      down = consecutiveServerErrors >= RetryPolicy.SERVER_ERRORS_FOR_OFFLINE;
      if (down) {
        offline = message;
      }
    }
    publish();
    return down;
  }

  void offline(String message) {
    synchronized (this) {
      offline = message;
    }
    publish();
  }

  private boolean coolingDown() {
    return coolDownUntil != null && clock.instant().isBefore(coolDownUntil);
  }

  private static Object credentials(Settings settings) {
    return java.util.Arrays.asList(settings.endpoint(), settings.apiKey());
  }

  /** Must hold the lock. */
  private Report compute() {
    Settings now = settings.get();
    if (!now.completion().enabled()) {
      return new Report(State.DISABLED, "completions are off (codestral.enable is false)");
    }
    if (now.apiKey() == null && now.provider() == Settings.Provider.MISTRAL) {
      return new Report(
          State.UNAUTHORIZED,
          "no API key is configured, so no completions will be made. Set CODESTRAL_API_KEY (or "
              + "MISTRAL_API_KEY) in the environment that starts the server, or the codestral.apiKey "
              + "or codestral.apiKeyCommand setting.");
    }
    if (unauthorized != null && Objects.equals(unauthorizedFor, credentials(now))) {
      return new Report(State.UNAUTHORIZED, unauthorized);
    }
    Optional<String> refused = EndpointPolicy.refusal(now);
    if (refused.isPresent()) {
      return new Report(State.OFFLINE, refused.get());
    }
    if (coolingDown()) {
      // The whole pause, not the time left: the text must not change at every keystroke.
      long seconds = Math.max(1, (coolDownWait.toMillis() + 999) / 1000);
      return new Report(
          State.RATE_LIMITED,
          "rate limited by Codestral: automatic suggestions paused for "
              + seconds
              + " s"
              + (coolDownStated ? "" : "; explicit requests still go through"));
    }
    if (offline != null) {
      return new Report(State.OFFLINE, offline);
    }
    if (inFlight > 0) {
      return new Report(State.BUSY, "asking Codestral");
    }
    return new Report(State.READY, "ready");
  }

  /** Tells the listener when the state or its text changed since the last report. */
  private void publish() {
    Report report;
    synchronized (this) {
      report = current();
      if (report.equals(last)) {
        return;
      }
      last = report;
    }
    if (report.state() != State.BUSY && report.state() != State.READY) {
      LOG.log(report.state().isError() ? Level.WARNING : Level.INFO, "Status {0}: {1}", report.state().wireName(), report.message());
    } else {
      LOG.log(Level.DEBUG, "Status {0}", report.state().wireName());
    }
    listener.accept(report);
  }
}
