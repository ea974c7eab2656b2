package codestral.lsp.backend;

import codestral.lsp.config.Settings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The fault policy around any {@link FimBackend}: what each failure means for this request, for the
 * next ones and for what the user sees ({@link BackendStatus}).
 *
 * <ul>
 *   <li>401/403: no retry; the status turns {@code unauthorized} (told once); automatic requests
 *       stop trying the same key and endpoint until the settings change or an explicit request
 *       succeeds.
 *   <li>422/400: our bug: logged at error level with the field the API named; nothing for the user
 *       per request.
 *   <li>429: no retry; automatic requests are held for what {@code Retry-After} (or the rate-limit
 *       headers) said, else for a doubling cool-down; explicit ones go through when no wait was
 *       stated.
 *   <li>5xx, refused or reset connections, truncated answers: retried for explicit requests only,
 *       at most {@link RetryPolicy#MAX_RETRIES} times with jittered back-off.
 *   <li>Timeouts: no retry (the deadline is spent); the status turns {@code offline}.
 *   <li>An answer that is not JSON: logged; the request gets nothing.
 * </ul>
 *
 * <p>Prompts and completions are logged at trace level only. Cancelling the returned future cancels
 * the attempt in flight and any retry not yet started.
 */
public final class ResilientFimBackend extends FimDecorator {
  private static final Logger LOG = System.getLogger(ResilientFimBackend.class.getName());

  private final BackendStatus status;
  private final Admission admission;
  private final Supplier<Settings> settings;
  private final Scheduler scheduler;
  private final DoubleSupplier random;

  /**
   * @param random source of jitter in [0, 1); injected so tests are deterministic
   * @param scheduler waits between retries; injected so tests never sleep
   */
  public ResilientFimBackend(
      FimBackend delegate,
      BackendStatus status,
      Admission admission,
      Supplier<Settings> settings,
      Scheduler scheduler,
      DoubleSupplier random) {
    super(delegate);
    this.status = status;
    this.admission = admission;
    this.settings = settings;
    this.scheduler = scheduler;
    this.random = random;
  }

  @Override
  public boolean admits(boolean invoked) {
    boolean admitted = admission.admits(invoked);
    if (!admitted) {
      LOG.log(
          Level.DEBUG,
          "Held a{0} request: {1}",
          invoked ? "n explicit" : "n automatic",
          status.current().message());
    }
    return admitted;
  }

  @Override
  public CompletableFuture<FimResult> complete(
      FimRequest request, FimStreamListener listener, boolean invoked) {
    Optional<String> refused = EndpointPolicy.refusal(settings.get());
    if (refused.isPresent()) {
      status.refresh();
      return CompletableFuture.failedFuture(
          new BackendException(BackendException.Kind.INSECURE_ENDPOINT, 0, refused.get()));
    }
    LOG.log(
        Level.TRACE,
        () -> "FIM " + request + "\nprompt: " + request.prompt() + "\nsuffix: " + request.suffix());
    CompletableFuture<FimResult> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<FimResult>> current = new AtomicReference<>();
    result.whenComplete(
        (value, error) -> {
          CompletableFuture<FimResult> attempt = current.get();
          if (result.isCancelled() && attempt != null) {
            attempt.cancel(true);
          }
        });
    attempt(request, listener, invoked, 0, result, current);
    return result;
  }

  private void attempt(
      FimRequest request,
      FimStreamListener listener,
      boolean invoked,
      int retry,
      CompletableFuture<FimResult> result,
      AtomicReference<CompletableFuture<FimResult>> current) {
    if (result.isDone()) {
      return; // Cancelled while waiting to retry.
    }
    status.started();
    CompletableFuture<FimResult> call;
    try {
      call = delegate.complete(request, listener);
    } catch (RuntimeException e) {
      status.finished();
      result.completeExceptionally(e);
      return;
    }
    current.set(call);
    if (result.isCancelled()) {
      call.cancel(true);
    }
    call.whenComplete(
        (value, error) -> {
          status.finished();
          if (error == null) {
            status.succeeded();
            LOG.log(
                Level.TRACE,
                () -> "FIM completion (" + value.finishReason() + "): " + value.text());
            result.complete(value);
            return;
          }
          Throwable cause = BackendException.unwrap(error);
          if (cause instanceof CancellationException) {
            result.cancel(true);
            return;
          }
          if (shouldRetry(cause, invoked, retry)) {
            java.time.Duration delay = RetryPolicy.retryDelay(retry + 1, random);
            LOG.log(
                Level.INFO,
                "Retrying in {0} ms ({1} of {2}): {3}",
                String.valueOf(delay.toMillis()),
                retry + 1,
                RetryPolicy.MAX_RETRIES,
                cause.getMessage());
            scheduler
                .after(delay)
                .thenRun(() -> attempt(request, listener, invoked, retry + 1, result, current));
            return;
          }
          record(cause);
          result.completeExceptionally(cause);
        });
  }

  private boolean shouldRetry(Throwable cause, boolean invoked, int retry) {
    if (!invoked || retry >= RetryPolicy.MAX_RETRIES) {
      return false;
    }
    if (cause instanceof BackendException) {
      BackendException failure = (BackendException) cause;
      if (failure.kind() == BackendException.Kind.SERVER_ERROR) {
        // Counts towards "the API is down" even when a retry follows.
        status.serverError(failure.getMessage());
        return true;
      }
      return false;
    }
    return cause instanceof IOException && !(cause instanceof InterruptedIOException);
  }

  /** What a final failure means for the status and the log. */
  private void record(Throwable cause) {
    if (cause instanceof BackendException) {
      BackendException failure = (BackendException) cause;
      switch (failure.kind()) {
        case UNAUTHORIZED:
          status.unauthorized(failure.getMessage());
          break;
        case RATE_LIMITED:
          status.rateLimited(failure.retryAfter());
          break;
        case INVALID_REQUEST:
          // The API names the field it refused: that is a bug on our side, for the log, not a
          // popup.
          LOG.log(
              Level.ERROR,
              "Codestral refused our request, a bug in codestral-lsp: {0}",
              failure.getMessage());
          break;
        case NOT_FOUND:
        case OFFLINE:
          status.offline(failure.getMessage());
          break;
        case SERVER_ERROR:
          if (!status.serverError(failure.getMessage())) {
            LOG.log(Level.WARNING, "Codestral had a transient error: {0}", failure.getMessage());
          }
          break;
        case MALFORMED_RESPONSE:
          LOG.log(Level.WARNING, "Unreadable answer: {0}", failure.getMessage());
          break;
        case NO_API_KEY:
        case INSECURE_ENDPOINT:
          status.refresh();
          break;
        default:
          LOG.log(Level.WARNING, "Completion failed: {0}", failure.getMessage());
      }
    } else if (cause instanceof InterruptedIOException) {
      Settings.Network network = settings.get().network();
      status.offline(
          "Codestral did not answer in time (read timeout "
              + network.readTimeoutMs()
              + " ms, request timeout "
              + network.requestTimeoutMs()
              + " ms): "
              + cause.getMessage());
    } else if (cause instanceof IOException) {
      status.offline("cannot reach Codestral: " + cause.getMessage());
    } else {
      LOG.log(Level.WARNING, "Completion failed: {0}", String.valueOf(cause));
    }
  }
}
