package codestral.lsp.backend;

import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What state the connection to the model is in, as the user should see it: fed by the outcome of
 * every call ({@link ResilientFimBackend}) and by the settings (completions off, no key, an
 * endpoint that may not be used), and reported to one listener on every change of state or message,
 * never per request. Faults that hold requests are recorded in the {@link Admission} it is given,
 * which decides what may be sent.
 *
 * <p>Its state sits behind this object's lock, which is never held across a call or while the
 * listener runs.
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
  private final Admission admission;
  private final Scheduler scheduler;
  private volatile Consumer<Report> listener = report -> {};

  private int inFlight;
  private int consecutiveServerErrors;
  private String offline;
  private Report last;

  public BackendStatus(Supplier<Settings> settings, Admission admission, Scheduler scheduler) {
    this.settings = settings;
    this.admission = admission;
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
    admission.settingsChanged();
    synchronized (this) {
      offline = null;
      consecutiveServerErrors = 0;
    }
    publish();
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
    admission.succeeded();
    synchronized (this) {
      consecutiveServerErrors = 0;
      offline = null;
    }
    publish();
  }

  void unauthorized(String message) {
    admission.keyRefused(message);
    publish();
  }

  /** A 429: automatic requests are held (see {@link Admission}); the status says for how long. */
  void rateLimited(Optional<Duration> stated) {
    Duration wait = admission.rateLimited(stated);
    LOG.log(
        Level.INFO,
        "Rate limited: automatic requests paused for {0} ms{1}",
        String.valueOf(wait.toMillis()),
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
    Optional<String> keyRefusal = admission.keyRefusal();
    if (keyRefusal.isPresent()) {
      return new Report(State.UNAUTHORIZED, keyRefusal.get());
    }
    Optional<String> refused = EndpointPolicy.refusal(now);
    if (refused.isPresent()) {
      return new Report(State.OFFLINE, refused.get());
    }
    Optional<Admission.CoolDown> coolDown = admission.coolDown();
    if (coolDown.isPresent()) {
      // The whole pause, not the time left: the text must not change at every keystroke.
      long seconds = Math.max(1, (coolDown.get().pause().toMillis() + 999) / 1000);
      return new Report(
          State.RATE_LIMITED,
          "rate limited by Codestral: automatic suggestions paused for "
              + seconds
              + " s"
              + (coolDown.get().stated() ? "" : "; explicit requests still go through"));
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
      LOG.log(
          report.state().isError() ? Level.WARNING : Level.INFO,
          "Status {0}: {1}",
          report.state().wireName(),
          report.message());
    } else {
      LOG.log(Level.DEBUG, "Status {0}", report.state().wireName());
    }
    listener.accept(report);
  }
}
