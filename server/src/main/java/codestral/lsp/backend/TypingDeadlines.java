package codestral.lsp.backend;

import codestral.lsp.config.Settings;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Gives up a completion once it is too late to be of use: an as-you-type request after {@link
 * Settings.Pacing#automaticDeadlineMs()}, an explicit one after {@link
 * Settings.Pacing#invokedDeadlineMs()}. The HTTP timeouts are for a link that is slow; these are
 * for a person waiting, who has typed on long before a 30 s read timeout ends.
 *
 * <p>At the deadline the call is cancelled (so is its HTTP call) and the future fails with an
 * {@link InterruptedIOException}, which the editor sees as an empty answer. When the API sent
 * nothing at all by then it counts as hung: the status turns {@code offline}, told once, until the
 * next call succeeds. A stream that was still arriving is only slow, and changes no status. Chat
 * does not come through here and keeps its own limits.
 */
public final class TypingDeadlines extends FimDecorator {
  private static final Logger LOG = System.getLogger(TypingDeadlines.class.getName());

  private final BackendStatus status;
  private final Supplier<Settings> settings;
  private final Scheduler scheduler;

  /**
   * @param scheduler runs the deadlines; injected so tests move time by hand
   */
  public TypingDeadlines(
      FimBackend delegate, BackendStatus status, Supplier<Settings> settings, Scheduler scheduler) {
    super(delegate);
    this.status = status;
    this.settings = settings;
    this.scheduler = scheduler;
  }

  @Override
  public CompletableFuture<FimResult> complete(
      FimRequest request, FimStreamListener listener, boolean invoked) {
    Settings now = settings.get();
    int deadlineMs =
        invoked ? now.pacing().invokedDeadlineMs() : now.pacing().automaticDeadlineMs();
    AtomicBoolean heard = new AtomicBoolean();
    CompletableFuture<FimResult> call =
        delegate.complete(
            request,
            textSoFar -> {
              heard.set(true);
              return listener.onText(textSoFar);
            },
            invoked);
    CompletableFuture<FimResult> result = new CompletableFuture<>();
    call.whenComplete(
        (value, error) -> {
          if (error != null) {
            result.completeExceptionally(unwrap(error));
          } else {
            result.complete(value);
          }
        });
    // A dependent future does not pass cancellation up: do it, or the HTTP call runs on.
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            call.cancel(true);
          }
        });
    if (!result.isDone()) {
      scheduler
          .after(Duration.ofMillis(deadlineMs))
          .thenRun(() -> expire(result, call, heard.get(), invoked, deadlineMs, now));
    }
    return result;
  }

  private void expire(
      CompletableFuture<FimResult> result,
      CompletableFuture<FimResult> call,
      boolean heard,
      boolean invoked,
      int deadlineMs,
      Settings now) {
    String kind = invoked ? "explicit" : "as-you-type";
    if (!result.completeExceptionally(
        new InterruptedIOException(
            "no answer within the " + kind + " deadline of " + deadlineMs + " ms"))) {
      return;
    }
    call.cancel(true);
    if (heard) {
      LOG.log(
          Level.DEBUG,
          "Gave up a slow {0} completion after {1} ms",
          kind,
          String.valueOf(deadlineMs));
      return;
    }
    // One text whatever the kind and figure, so a hung API is told once, not per deadline.
    String provider = now.provider() == Settings.Provider.OLLAMA ? "Ollama" : "Codestral";
    status.offline(
        provider
            + " did not answer in time: suggestions are given up after codestral.automaticDeadlineMs"
            + " (as you type) or codestral.invokedDeadlineMs (when asked); they come back with its next answer");
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
