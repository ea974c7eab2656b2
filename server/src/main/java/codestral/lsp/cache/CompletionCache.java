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
 * <p>The key is everything that determines the answer: the model, the sampling settings and the
 * prefix tail and suffix head that are actually sent (the window, never the whole document), the
 * window by a fingerprint ({@link RequestKey}), so that a cached answer keeps no window alive.
 *
 * <p>Each caller gets its own future (a <em>waiter</em>). Cancelling a waiter only leaves the
 * shared call; the call itself is cancelled when its last waiter has left, and is then dropped from
 * the cache, as is any call that fails, so an error or an abandoned call is retried by the next
 * request instead of being served again.
 */
public final class CompletionCache {
  private final AtomicLong loads = new AtomicLong();

  /** What a key weighs, in chars of answer text: about its size in memory. */
  static final int KEY_WEIGHT = 64;

  private final Supplier<AsyncCache<RequestKey, FimResult>> cache;

  /**
   * @param maximumChars how much the kept answers may hold: their text, plus {@link #KEY_WEIGHT}
   *     for each key, so that neither long answers nor many short ones grow it without bound;
   *     answers still in flight weigh nothing until they finish.
   */
  public CompletionCache(long maximumChars, Duration expireAfterWrite, Ticker ticker) {
    this.cache =
        new BuiltOnFirstUse<>(
            () ->
                Caffeine.newBuilder()
                    .maximumWeight(maximumChars)
                    .<RequestKey, FimResult>weigher(
                        (key, result) -> KEY_WEIGHT + result.text().length())
                    .expireAfterWrite(expireAfterWrite)
                    .ticker(ticker)
                    .executor(Runnable::run)
                    .<RequestKey, FimResult>buildAsync());
  }

  /** Builds the cache now (for a warm-up thread), so that no request pays for it. */
  public void prepare() {
    cache.get();
  }

  private AsyncCache<RequestKey, FimResult> cache() {
    return cache.get();
  }

  /**
   * The default cache: answers for 10 minutes, up to 256,000 chars (about a megabyte at most; two
   * thousand answers of a line, far more than an edit ever comes back to), on the system clock.
   */
  public static CompletionCache createDefault() {
    return new CompletionCache(256_000, Duration.ofMinutes(10), Ticker.systemTicker());
  }

  /**
   * A waiter on the cached call for the request, or on a new one the loader starts for a miss.
   * Cancelling the waiter leaves the call; the last waiter to leave cancels it.
   */
  public CompletableFuture<FimResult> get(
      FimRequest request, Function<FimRequest, CompletableFuture<FimResult>> loader) {
    RequestKey key = RequestKey.of(request);
    while (true) {
      boolean[] started = {false};
      SharedCall shared =
          (SharedCall)
              cache()
                  .get(
                      key,
                      (ignored, executor) -> {
                        loads.incrementAndGet();
                        started[0] = true;
                        return new SharedCall(loader.apply(request));
                      });
      // Caffeine drops a failed call from a callback that may run after its requester has seen
      // the failure and the editor has asked again: an earlier call that failed is never served.
      if (!started[0] && shared.failed()) {
        cache().asMap().remove(key, shared);
        continue;
      }
      CompletableFuture<FimResult> waiter = shared.newWaiter();
      if (waiter != null) {
        return waiter;
      }
      // Abandoned by its last waiter a moment ago, and about to leave the cache: start afresh.
      cache().asMap().remove(key, shared);
    }
  }

  /**
   * A waiter on the call for the request if one is cached (in flight or done), without starting
   * one.
   */
  public Optional<CompletableFuture<FimResult>> join(FimRequest request) {
    CompletableFuture<FimResult> cached = cache().getIfPresent(RequestKey.of(request));
    if (!(cached instanceof SharedCall shared) || shared.failed()) {
      return Optional.empty();
    }
    return Optional.ofNullable(shared.newWaiter());
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
