package codestral.lsp.lsp;

import codestral.lsp.backend.BackendStatus;
import codestral.lsp.config.ApiKey;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.lsp4j.MessageType;

/**
 * Sends {@code codestral/status} when the backend's state changes, and {@code window/showMessage}
 * when it changes into an error state (unauthorized, offline, rate-limited) — never per request.
 *
 * <p>Changes are coalesced: a burst (busy, ready, busy, … as requests start and end) schedules one
 * send on a serial executor, which reads the state then in force and sends it only if it differs
 * from the last one sent. So the client sees states in order and at most one per burst. Nothing is
 * sent before {@link #start} (the protocol allows no custom notification before {@code initialize}
 * is answered).
 *
 * <p>{@code busy} waits {@link #BUSY_DELAY}: a request answered sooner (a cache hit, a fast model)
 * sends nothing at all, rather than two notifications that would only make a status line flicker
 * and be written to the editor while the answer itself is being written.
 */
public final class StatusPublisher {
  private final BackendStatus status;
  private final UserNotifier notifier;
  static final Duration BUSY_DELAY = Duration.ofMillis(150);

  private final ScheduledExecutorService serial;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicBoolean busyPending = new AtomicBoolean();
  private volatile EditorClient client;
  private volatile boolean started;
  private BackendStatus.Report lastSent;

  /**
   * @param serial runs one task at a time, in order
   */
  public StatusPublisher(
      BackendStatus status, UserNotifier notifier, ScheduledExecutorService serial) {
    this.status = status;
    this.notifier = notifier;
    this.serial = serial;
    status.setListener(report -> changed());
  }

  void connect(EditorClient client) {
    this.client = client;
  }

  /** From now on, changes reach the client; the state in force is sent at once. */
  void start() {
    started = true;
    changed();
  }

  private void changed() {
    if (!started) {
      return;
    }
    if (status.current().state() == BackendStatus.State.BUSY) {
      if (busyPending.compareAndSet(false, true)) {
        serial.schedule(
            () -> {
              busyPending.set(false);
              flush();
            },
            BUSY_DELAY.toMillis(),
            TimeUnit.MILLISECONDS);
      }
    } else if (pending.compareAndSet(false, true)) {
      serial.execute(this::flush);
    }
  }

  /** Runs on the serial executor only. */
  private void flush() {
    pending.set(false);
    EditorClient target = client;
    BackendStatus.Report now = status.current();
    if (target == null || now.equals(lastSent)) {
      return;
    }
    BackendStatus.Report before = lastSent;
    lastSent = now;
    try {
      target.status(new StatusParams(now.state().wireName(), ApiKey.mask(now.message())));
    } catch (RuntimeException e) {
      // The client went away; nothing to tell.
      return;
    }
    if (now.state().isError() && (before == null || before.state() != now.state())) {
      notifier.show(
          now.state() == BackendStatus.State.UNAUTHORIZED ? MessageType.Error : MessageType.Warning,
          now.message());
    }
  }
}
