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
}
