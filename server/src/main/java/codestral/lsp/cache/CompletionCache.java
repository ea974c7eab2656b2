package codestral.lsp.cache;

import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Answers by request: a hit returns the future of an earlier identical request, finished or still
 * in flight, so two identical requests make one call. Caffeine drops a future that fails, so an
 * error is retried by the next request instead of being served from the cache.
 */
public final class CompletionCache {
  private final AsyncCache<FimRequest, FimResult> cache;

  public CompletionCache(long maximumSize, Duration expireAfterWrite, Ticker ticker) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .expireAfterWrite(expireAfterWrite)
            .ticker(ticker)
            .executor(Runnable::run)
            .buildAsync();
  }

  /** The default cache: 512 answers for 10 minutes, on the system clock. */
  public static CompletionCache createDefault() {
    return new CompletionCache(512, Duration.ofMinutes(10), Ticker.systemTicker());
  }

  /** The cached future for the request, or the loader's for a miss. */
  public CompletableFuture<FimResult> get(
      FimRequest request, Function<FimRequest, CompletableFuture<FimResult>> loader) {
    // Caffeine removes a failed future from a callback on that future, which may run after the
    // requester has already seen the failure and the editor has asked again: never serve it then.
    CompletableFuture<FimResult> cached = cache.getIfPresent(request);
    if (cached != null && cached.isCompletedExceptionally()) {
      cache.asMap().remove(request, cached);
    }
    return cache.get(request, (key, executor) -> loader.apply(key));
  }

  /** The number of entries, for stats and tests. */
  public long size() {
    return cache.synchronous().estimatedSize();
  }
}
