package codestral.lsp.backend.codestral;

import codestral.lsp.backend.BackendException;
import codestral.lsp.config.ApiKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Headers;

/**
 * Turns an error answer into a {@link BackendException} with a message a user can act on.
 *
 * <p>Mistral's error bodies come in several shapes ({@code {"message": "…"}}, {@code {"detail":
 * …}}, a 422 with a list of field errors) or none at all, so parsing is lenient: whatever we can
 * find, else the status alone.
 */
final class ErrorBodies {
  private static final ObjectMapper LENIENT = new ObjectMapper();
  private static final int MAX_DETAIL = 300;

  private ErrorBodies() {}

  static BackendException toException(
      int status, String body, String url, ApiKey key, Headers headers) {
    // Wall time, not the Ticker every other timer uses: an HTTP-date Retry-After names a moment.
    return toException(status, body, url, key, headers, Clock.systemUTC());
  }

  /**
   * The exception for an error answer. {@code url} may hold the key (pasted into the endpoint by
   * mistake), so it is masked like the body; a 429 carries how long the headers ask us to wait.
   */
  static BackendException toException(
      int status, String body, String rawUrl, ApiKey key, Headers headers, Clock clock) {
    BackendException.Kind kind = BackendException.kindOf(status);
    String url = Redaction.redact(rawUrl, key);
    String detail = Redaction.redact(detail(body), key);
    Duration retryAfter =
        kind == BackendException.Kind.RATE_LIMITED
            ? RateLimitHeaders.retryAfter(headers, clock.instant()).orElse(null)
            : null;
    String message;
    switch (kind) {
      case UNAUTHORIZED:
        message =
            "Codestral rejected the API key ("
                + status
                + ") at "
                + url
                + ". Codestral keys work only with https://codestral.mistral.ai and Mistral API keys"
                + " only with https://api.mistral.ai: check that the key ("
                + key.source()
                + ") matches the endpoint.";
        break;
      case RATE_LIMITED:
        message = "Codestral rate limit reached (429)" + suffix(detail);
        break;
      case INVALID_REQUEST:
        message = "Codestral refused the request (" + status + ")" + suffix(detail);
        break;
      case NOT_FOUND:
        message =
            "Not found (404) at "
                + url
                + ": check codestral.endpoint and codestral.model"
                + suffix(detail);
        break;
      default:
        message = "Codestral answered " + status + suffix(detail);
    }
    return new BackendException(kind, status, ApiKey.mask(message), retryAfter);
  }

  private static String suffix(String detail) {
    return detail.isEmpty() ? "" : ": " + detail;
  }

  /** The most specific human text in an error body, or "" when there is none. */
  static String detail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode root = LENIENT.readTree(body);
      JsonNode message = root.path("message");
      if (message.isTextual()) {
        return clip(message.asText());
      }
      JsonNode detail = message.isObject() ? message.path("detail") : root.path("detail");
      if (detail.isTextual()) {
        return clip(detail.asText());
      }
      if (detail.isArray() && detail.size() > 0) {
        // 422: [{"type":"extra_forbidden","loc":["body","x"],"msg":"…"}]
        StringBuilder text = new StringBuilder();
        for (JsonNode item : detail) {
          if (text.length() > 0) {
            text.append("; ");
          }
          text.append(item.path("msg").asText("invalid"));
          JsonNode loc = item.path("loc");
          if (loc.isArray() && loc.size() > 0) {
            text.append(" at ").append(loc.get(loc.size() - 1).asText());
          }
        }
        return clip(text.toString());
      }
      return clip(body.strip());
    } catch (Exception notJson) {
      return clip(body.strip());
    }
  }

  private static String clip(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
  }
}
