package codestral.lsp.cache;

import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers by request: a hit returns the answer of an earlier identical request, finished or still
 * in flight, so two identical requests make one call.
 *
 * <p>The key is the {@link FimRequest} itself: the model, the sampling settings and the prefix
 * tail and suffix head that are actually sent (the window, never the whole document), which is
 * everything that determines the answer.
 *
 * <p>Each caller gets its own future (a <em>waiter</em>). Cancelling a waiter only leaves the
 * shared call; the call itself is cancelled when its last waiter has left, and is then dropped from
 * the cache, as is any call that fails, so an error or an abandoned call is retried by the next request instead of being served again.
 */
public final class CompletionCache {
  private final AtomicLong loads = new AtomicLong();
  private final Supplier<AsyncCache<FimRequest, FimResult>> cache;

  /**
   * @param maximumChars how much text the kept answers may hold: the windows of their keys and
   *     the answers themselves. A key carries its whole window (thousands of chars), so a bound on
   *     entries alone would let the cache hold megabytes the user pays for in memory and in
   *     collector work; answers still in flight weigh nothing until they finish.
   */
  public CompletionCache(long maximumChars, Duration expireAfterWrite, Ticker ticker) {
    this.cache =
        new BuiltOnFirstUse<>(
            () ->
                Caffeine.newBuilder()
                    .maximumWeight(maximumChars)
                    .<FimRequest, FimResult>weigher(CompletionCache::chars)
                    .expireAfterWrite(expireAfterWrite)
                    .ticker(ticker)
                    .executor(Runnable::run)
                    .<FimRequest, FimResult>buildAsync());
  }

  /** Builds the cache now (for a warm-up thread), so that no request pays for it. */
  public void prepare() {
    cache.get();
  }

  private AsyncCache<FimRequest, FimResult> cache() {
    return cache.get();
  }

  /**
   * The default cache: answers for 10 minutes, up to two million chars of text (about 4 MB; some
   * two hundred windows of the default size, far more than an edit ever comes back to), on the
   * system clock.
   */
  public static CompletionCache createDefault() {
    return new CompletionCache(2_000_000, Duration.ofMinutes(10), Ticker.systemTicker());
  }

  private static int chars(FimRequest request, FimResult result) {
    long chars = (long) request.prompt().length() + request.suffix().length() + result.text().length();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, chars));
  }

  /**
   * A waiter on the cached call for the request, or on a new one the loader starts for a miss.
   * Cancelling the waiter leaves the call; the last waiter to leave cancels it.
   */
  public CompletableFuture<FimResult> get(
      FimRequest request, Function<FimRequest, CompletableFuture<FimResult>> loader) {
    while (true) {
      boolean[] started = {false};
      SharedCall shared =
          (SharedCall)
              cache().get(
                  request,
                  (key, executor) -> {
                    loads.incrementAndGet();
                    started[0] = true;
                    return new SharedCall(loader.apply(key));
                  });
      // Caffeine drops a failed call from a callback that may run after its requester has seen
      // the failure and the editor has asked again: an earlier call that failed is never served.
      if (!started[0] && shared.failed()) {
        cache().asMap().remove(request, shared);
        continue;
      }
      CompletableFuture<FimResult> waiter = shared.newWaiter();
      if (waiter != null) {
        return waiter;
      }
      // Abandoned by its last waiter a moment ago, and about to leave the cache: start afresh.
      cache().asMap().remove(request, shared);
    }
  }

  /** A waiter on the call for the request if one is cached (in flight or done), without starting one. */
  public Optional<CompletableFuture<FimResult>> join(FimRequest request) {
    CompletableFuture<FimResult> cached = cache().getIfPresent(request);
    if (!(cached instanceof SharedCall) || ((SharedCall) cached).failed()) {
      return Optional.empty();
    }
    return Optional.ofNullable(((SharedCall) cached).newWaiter());
  }

  /** The number of entries, for stats and tests. */
  public long size() {
    return cache().synchronous().estimatedSize();
  }

  /** How many calls the cache has started (misses), for stats and tests. */
  public long loads() {
    return loads.get();
  }

  /**
   * One upstream call and the number of callers still waiting for it. Completes with the call's
   * result, or with null when the call fails: Caffeine drops a null value silently (a failed future
   * would be logged with its stack trace on every failure), while the waiters get the failure from
   * the call itself. Cancelled, with the call, when the last waiter leaves.
   */
  private static final class SharedCall extends CompletableFuture<FimResult> {
    private final CompletableFuture<FimResult> upstream;
    private int waiters;
    private boolean abandoned;

    SharedCall(CompletableFuture<FimResult> upstream) {
      this.upstream = upstream;
      upstream.whenComplete((result, error) -> complete(error != null ? null : result));
    }

    /** Whether the call behind this entry failed or was cancelled. */
    boolean failed() {
      return upstream.isCompletedExceptionally();
    }

    /** A new waiter, or null when the call was already abandoned. */
    CompletableFuture<FimResult> newWaiter() {
      synchronized (this) {
        if (abandoned) {
          return null;
        }
        waiters++;
      }
      CompletableFuture<FimResult> waiter = new CompletableFuture<>();
      upstream.whenComplete(
          (result, error) -> {
            if (error != null) {
              waiter.completeExceptionally(error);
            } else {
              waiter.complete(result);
            }
          });
      waiter.whenComplete(
          (result, error) -> {
            if (waiter.isCancelled()) {
              leave();
            }
          });
      return waiter;
    }

    private void leave() {
      synchronized (this) {
        waiters--;
        if (waiters > 0 || isDone()) {
          return;
        }
        abandoned = true;
      }
      // Outside the lock: cancelling runs the backend's callbacks, which cancel the HTTP call.
      upstream.cancel(true);
      cancel(true);
    }
  }
}
