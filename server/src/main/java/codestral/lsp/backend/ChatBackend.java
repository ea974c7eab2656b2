package codestral.lsp.backend;

import java.util.concurrent.CompletableFuture;

/** A provider of chat answers, streamed. */
public interface ChatBackend {

  /**
   * Starts a streamed chat. Each piece of the answer goes to {@code deltas} as it arrives; the
   * returned future then completes with the whole answer. Cancelling the future closes the HTTP
   * call (and so the upstream stream). It completes exceptionally with {@link BackendException} for
   * an answer that is an error or a stream that broke off, or with an {@link java.io.IOException}
   * for a transport failure.
   */
  CompletableFuture<ChatResult> chat(ChatRequest request, ChatDeltas deltas);
}
