package codestral.lsp.backend;

import java.util.concurrent.CompletableFuture;

/**
 * A policy around another backend ({@link ResilientFimBackend}, {@link TypingDeadlines}): every way
 * of asking for a completion comes to {@link #complete(FimRequest, FimStreamListener, boolean)}, as
 * an as-you-type request unless said otherwise; warming up and admission are the wrapped backend's
 * unless a policy has something to add.
 */
abstract class FimDecorator implements FimBackend {
  protected final FimBackend delegate;

  FimDecorator(FimBackend delegate) {
    this.delegate = delegate;
  }

  @Override
  public abstract CompletableFuture<FimResult> complete(
      FimRequest request, FimStreamListener listener, boolean invoked);

  @Override
  public final CompletableFuture<FimResult> complete(FimRequest request) {
    return complete(request, FimStreamListener.NONE, false);
  }

  @Override
  public final CompletableFuture<FimResult> complete(
      FimRequest request, FimStreamListener listener) {
    return complete(request, listener, false);
  }

  @Override
  public CompletableFuture<Void> warmUp() {
    return delegate.warmUp();
  }

  @Override
  public boolean admits(boolean invoked) {
    return delegate.admits(invoked);
  }
}
