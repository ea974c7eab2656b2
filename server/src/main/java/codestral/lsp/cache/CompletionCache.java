package codestral.lsp.cache;

import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers by request: a hit returns the future of an earlier identical request, finished or still
 * in flight, so two identical requests make one call. Caffeine drops a future that fails, so an
 * error is retried by the next request instead of being served from the cache.
 */
public final class CompletionCache {
  private final Supplier<AsyncCache<FimRequest, FimResult>> factory;
  private volatile AsyncCache<FimRequest, FimResult> cache;

  public CompletionCache(long maximumSize, Duration expireAfterWrite, Ticker ticker) {
    // Built on first use: Caffeine loads some 70 classes (its generated cache classes through
    // reflection), work the initialize answer should not wait for.
    this.factory =
        () ->
            Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfterWrite)
                .ticker(ticker)
                .executor(Runnable::run)
                .buildAsync();
  }

  private AsyncCache<FimRequest, FimResult> cache() {
    AsyncCache<FimRequest, FimResult> built = cache;
    if (built == null) {
      synchronized (this) {
        built = cache;
        if (built == null) {
          built = factory.get();
          cache = built;
        }
      }
    }
    return built;
  }

  /** The default cache: 512 answers for 10 minutes, on the system clock. */
  public static CompletionCache createDefault() {
    return new CompletionCache(512, Duration.ofMinutes(10), Ticker.systemTicker());
  }

  /** The cached future for the request, or the loader's for a miss. */
  public CompletableFuture<FimResult> get(
      FimRequest request, Function<FimRequest, CompletableFuture<FimResult>> loader) {
    return cache().get(request, (key, executor) -> loader.apply(key));
  }

  /** The number of entries, for stats and tests. */
  public long size() {
    return cache().synchronous().estimatedSize();
  }
}
