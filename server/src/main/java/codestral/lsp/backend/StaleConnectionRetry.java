package codestral.lsp.backend;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;

/**
 * Sends a request again, once, when the connection it went out on turned out to be dead before any
 * byte of the answer arrived: the API or a proxy closed it while it sat idle in the pool (Node
 * closes idle connections after 5 s, many gateways sooner), or reset it right after reading.
 *
 * <p>An application interceptor rather than OkHttp's own {@code retryOnConnectionFailure}: that one
 * retries any number of times and on failures we must not repeat (a connection refused is the fault
 * policy's to retry or not), while here the rule is exact. {@code proceed} returns when the
 * response headers are read, so a failure it throws happened before the answer started: the model
 * has produced nothing the user pays for. A failure while the body streams is never seen here and
 * never retried.
 */
final class StaleConnectionRetry implements Interceptor {
  private static final Logger LOG = System.getLogger(StaleConnectionRetry.class.getName());

  private final ConnectionPool pool;

  StaleConnectionRetry(ConnectionPool pool) {
    this.pool = pool;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request());
    } catch (IOException failure) {
      if (chain.call().isCanceled() || !isDeadConnection(failure)) {
        throw failure;
      }
      // Idle connections that went stale together die together: none of them is tried next.
      pool.evictAll();
      LOG.log(
          Level.DEBUG,
          "retrying {0} {1} once on a new connection: the one it used was closed ({2})",
          chain.request().method(),
          chain.request().url().encodedPath(),
          failure.toString());
      return chain.proceed(chain.request());
    }
  }

  /**
   * True for the ways a connection the peer already closed fails a request: end of stream, reset,
   * broken pipe, an HTTP/2 connection shut down or a refused stream. Not for timeouts,
   * cancellation, refused or unreachable hosts, or TLS failures, which a second try would not mend.
   */
  static boolean isDeadConnection(IOException failure) {
    if (failure instanceof InterruptedIOException
        || failure instanceof ConnectException
        || failure instanceof NoRouteToHostException
        || failure instanceof UnknownHostException
        || failure instanceof SSLException) {
      return false;
    }
    if (failure instanceof ConnectionShutdownException) {
      return true;
    }
    if (failure instanceof StreamResetException reset) {
      return reset.errorCode == ErrorCode.REFUSED_STREAM;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
        return false;
      }
      if (cause instanceof EOFException || cause instanceof SocketException) {
        return true;
      }
      // OkHttp's "unexpected end of stream on <url>" wraps an EOFException; older paths do not.
      if (cause.getMessage() != null && cause.getMessage().startsWith("unexpected end of stream")) {
        return true;
      }
    }
    return false;
  }
}
