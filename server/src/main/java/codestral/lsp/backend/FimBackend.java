package codestral.lsp.backend;

import java.util.concurrent.CompletableFuture;

/** A provider of fill-in-the-middle completions. */
public interface FimBackend {

  /**
   * Starts a completion. Cancelling the returned future cancels the HTTP call; it completes
   * exceptionally with {@link BackendException} for an answer that is an error, or with an
   * {@link java.io.IOException} for a transport failure.
   */
  CompletableFuture<FimResult> complete(FimRequest request);

  /**
   * Starts a completion for a request that the user asked for explicitly ({@code invoked}) or
   * that the editor sent as the user typed. A backend with a fault policy retries only the first
   * kind; a plain one ignores the difference.
   */
  default CompletableFuture<FimResult> complete(FimRequest request, boolean invoked) {
    return complete(request);
  }

  /**
   * Whether a request of this kind may call the provider now; false during a rate-limit
   * cool-down for as-you-type requests, which should then be answered empty without a call.
   */
  default boolean admits(boolean invoked) {
    return true;
  }
}
