package codestral.lsp.backend;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The provider answered with an error. The message is ours, written for the user, and never carries
 * the API key.
 */
public final class BackendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, so callers decide on retries and what to tell the user. */
  public enum Kind {
    /** 401 or 403: the key is missing, wrong, or for the other Mistral domain. */
    UNAUTHORIZED,
    /** 429: slow down. */
    RATE_LIMITED,
    /** 400 or 422: the request was malformed; a bug on our side. */
    INVALID_REQUEST,
    /** 404: wrong endpoint or unknown model. */
    NOT_FOUND,
    /** 5xx: the provider is having trouble; may be retried. */
    SERVER_ERROR,
    /** A 2xx answer we could not read. */
    MALFORMED_RESPONSE,
    /** No key is configured, so no call was made. */
    NO_API_KEY,
    /**
     * A plain {@code http://} endpoint off this machine, refused so the key is not sent in clear.
     */
    INSECURE_ENDPOINT,
    /** Anything else. */
    OTHER,
    /** Nothing listens at the endpoint (connection refused): a local server is not running. */
    OFFLINE
  }

  private final Kind kind;
  private final int status;
  private final transient Duration retryAfter;

  public BackendException(Kind kind, int status, String message) {
    this(kind, status, message, null);
  }

  /**
   * @param retryAfter how long the provider asked us to wait ({@code Retry-After} or its rate-limit
   *     headers), or null when it did not say
   */
  public BackendException(Kind kind, int status, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** How long the provider asked us to wait before the next call, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when no HTTP answer was involved. */
  public int status() {
    return status;
  }

  /** The kind that an HTTP status means. */
  public static Kind kindOf(int status) {
    if (status == 401 || status == 403) {
      return Kind.UNAUTHORIZED;
    } else if (status == 429) {
      return Kind.RATE_LIMITED;
    } else if (status == 400 || status == 422) {
      return Kind.INVALID_REQUEST;
    } else if (status == 404) {
      return Kind.NOT_FOUND;
    } else if (status >= 500) {
      return Kind.SERVER_ERROR;
    }
    return Kind.OTHER;
  }

  /**
   * The failure behind a future's wrapping: a {@link CompletionException} or {@link
   * ExecutionException} says only that a stage failed, its cause says why.
   */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
