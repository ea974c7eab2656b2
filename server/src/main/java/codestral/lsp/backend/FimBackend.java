package codestral.lsp.backend;

import java.util.concurrent.CompletableFuture;

/** A provider of fill-in-the-middle completions. */
public interface FimBackend {

  /**
   * Starts a completion. Cancelling the returned future cancels the HTTP call; it completes
   * exceptionally with {@link BackendException} for an answer that is an error, or with an {@link
   * java.io.IOException} for a transport failure.
   */
  CompletableFuture<FimResult> complete(FimRequest request);

  /**
   * Starts a completion that is read as it is generated: the listener sees the text grow and may
   * end the call early once the answer is decided; the result then holds the text read so far.
   * Cancelling the returned future cancels the HTTP call, as for {@link #complete(FimRequest)}.
   *
   * <p>The default, for providers that cannot stream, makes one plain call and shows the listener
   * the whole text once. A decorator must forward this method too, or it loses streaming.
   */
  default CompletableFuture<FimResult> complete(FimRequest request, FimStreamListener listener) {
    CompletableFuture<FimResult> call = complete(request);
    CompletableFuture<FimResult> shown =
        call.thenApply(
            result -> {
              listener.onText(result.text());
              return result;
            });
    // A dependent future does not pass cancellation up: do it, or the HTTP call runs on.
    shown.whenComplete(
        (result, error) -> {
          if (shown.isCancelled()) {
            call.cancel(true);
          }
        });
    return shown;
  }

  /**
   * Opens the connection to the provider ahead of the first completion, so that request does not
   * pay for DNS, TCP and TLS. Must cost no tokens; failures are ignored by callers. The default
   * does nothing.
   */
  default CompletableFuture<Void> warmUp() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Starts a completion, streamed as {@link #complete(FimRequest, FimStreamListener)}, for a
   * request the user asked for explicitly ({@code invoked}) or one the editor sent as the user
   * typed. A backend with a fault policy retries only the first kind; a plain one ignores the
   * difference.
   */
  default CompletableFuture<FimResult> complete(
      FimRequest request, FimStreamListener listener, boolean invoked) {
    return complete(request, listener);
  }

  /** {@link #complete(FimRequest, FimStreamListener, boolean)} without watching the stream. */
  default CompletableFuture<FimResult> complete(FimRequest request, boolean invoked) {
    return complete(request, FimStreamListener.NONE, invoked);
  }

  /**
   * Whether a request of this kind may call the provider now; false during a rate-limit cool-down
   * for as-you-type requests, which should then be answered empty without a call.
   */
  default boolean admits(boolean invoked) {
    return true;
  }
}
