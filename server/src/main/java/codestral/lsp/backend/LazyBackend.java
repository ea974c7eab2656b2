package codestral.lsp.backend;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A backend built on its first use. Building the providers loads Jackson and OkHttp (several
 * hundred classes, a large part of a cold start), and nothing needs them before the first
 * completion, so the {@code initialize} answer does not wait for them.
 *
 * <p>Forwards every method, streaming and warm-up included: a wrapper that forwarded only {@link
 * #complete(FimRequest)} would silently lose the early stop and the connection warm-up.
 */
public final class LazyBackend implements FimBackend, ChatBackend {
  private final Supplier<ProviderSwitch> providers;

  /** {@code providers} must build once and return the same switch after (memoize it). */
  public LazyBackend(Supplier<ProviderSwitch> providers) {
    this.providers = providers;
  }

  @Override
  public CompletableFuture<FimResult> complete(FimRequest request) {
    return providers.get().complete(request);
  }

  @Override
  public CompletableFuture<FimResult> complete(FimRequest request, FimStreamListener listener) {
    return providers.get().complete(request, listener);
  }

  @Override
  public CompletableFuture<Void> warmUp() {
    return providers.get().warmUp();
  }

  @Override
  public CompletableFuture<ChatResult> chat(ChatRequest request, ChatDeltas deltas) {
    return providers.get().chat(request, deltas);
  }
}
