package codestral.lsp.backend;

import codestral.lsp.config.Settings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Builds the one HTTP client every provider shares, and the clients derived from it when the
 * network settings change (they share its connection pool and threads).
 */
public final class HttpClients {
  /**
   * How long an idle connection stays in the pool. Servers close idle keep-alive connections after
   * a few seconds (Node after 5 s, many proxies sooner), and a connection they closed fails the
   * request that reuses it; below that, a pause to think costs at most a new handshake. {@link
   * StaleConnectionRetry} mends the servers that close sooner still.
   */
  static final Duration IDLE_KEEP_ALIVE = Duration.ofSeconds(3);

  private static final int MAX_IDLE_CONNECTIONS = 5;

  private HttpClients() {}

  /** A new client, with its own pool, for the timeouts of {@code network}. */
  public static OkHttpClient create(Settings.Network network) {
    ConnectionPool pool =
        new ConnectionPool(MAX_IDLE_CONNECTIONS, IDLE_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectionPool(pool)
            // Retrying a dead pooled connection is ours to do, exactly once; every other retry is
            // the fault policy's decision (explicit requests only, bounded), not OkHttp's.
            .retryOnConnectionFailure(false)
            .addInterceptor(new StaleConnectionRetry(pool))
            // Small request writes must not wait for delayed ACKs (about 40 ms a call).
            .socketFactory(new NoDelaySocketFactory());
    return withTimeouts(builder, network).build();
  }

  /** A client for the timeouts of {@code network} that shares {@code base}'s pool and threads. */
  public static OkHttpClient withNetwork(OkHttpClient base, Settings.Network network) {
    return withTimeouts(base.newBuilder(), network).build();
  }

  private static OkHttpClient.Builder withTimeouts(
      OkHttpClient.Builder builder, Settings.Network network) {
    return builder
        .connectTimeout(Duration.ofMillis(network.connectTimeoutMs()))
        .readTimeout(Duration.ofMillis(network.readTimeoutMs()))
        .writeTimeout(Duration.ofMillis(network.readTimeoutMs()))
        // The whole call, the one retry included: a hung API never holds a request longer.
        .callTimeout(Duration.ofMillis(network.requestTimeoutMs()));
  }
}
