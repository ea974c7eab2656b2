package codestral.lsp.backend.codestral;

import codestral.lsp.config.ApiKey;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

/**
 * Makes sure no exception that leaves this package can carry the API key, even one built by OkHttp
 * from a URL or header the user pasted the key into by mistake.
 */
final class Redaction {
  static final String MASK = "[redacted]";

  private Redaction() {}

  /** The text with every occurrence of the key masked. */
  static String redact(String text, ApiKey key) {
    if (text == null || key == null || key.reveal().isEmpty()) {
      return ApiKey.mask(text);
    }
    return ApiKey.mask(text.replace(key.reveal(), MASK));
  }

  /**
   * An exception safe to log and show: the same kind of failure with a message that names the
   * endpoint and has the key masked. The original is dropped rather than chained, because its
   * message and causes could hold the key.
   */
  static Exception scrub(Exception e, ApiKey key, String url) {
    String message = redact(String.valueOf(e.getMessage()), key);
    if (e instanceof IOException) {
      String text = e.getClass().getSimpleName() + " calling " + redact(url, key) + ": " + message;
      // Keep the kind of transport failure: the retry policy treats a timeout (the deadline is
      // spent) differently from a refused or reset connection.
      IOException safe;
      if (e instanceof java.net.SocketTimeoutException) {
        safe = new SocketTimeoutException(text);
      } else if (e instanceof java.io.InterruptedIOException) {
        safe = new InterruptedIOException(text);
      } else if (e instanceof java.net.ConnectException) {
        safe = new ConnectException(text);
      } else {
        safe = new IOException(text);
      }
      safe.setStackTrace(e.getStackTrace());
      return safe;
    }
    if (e instanceof RuntimeException && e.getClass().getPackageName().startsWith("codestral.")) {
      return e;
    }
    RuntimeException safe = new RuntimeException(e.getClass().getSimpleName() + ": " + message);
    safe.setStackTrace(e.getStackTrace());
    return safe;
  }
}
