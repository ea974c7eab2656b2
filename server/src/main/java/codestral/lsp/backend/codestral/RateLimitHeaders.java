package codestral.lsp.backend.codestral;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Reads how long a 429 asks us to wait, from whichever headers the answer carries.
 *
 * <p>In order: {@code Retry-After} (delta-seconds or an HTTP date, RFC 9110 §10.2.3); a {@code
 * *ratelimit*-reset} header in seconds (the gateway in front of Mistral's API sends such; a value
 * larger than a year is read as an epoch second); and a {@code x-ratelimit-remaining-*-minute} (or
 * {@code -second}) of 0, which means the window is spent and is read as "until the next whole
 * minute (second)" — an assumption, since the window's start is not sent. Absent or unreadable
 * headers give empty, and the caller falls back to exponential back-off. The clock is a parameter
 * so tests never wait.
 */
final class RateLimitHeaders {
  /** Nobody should be told to stand still for more than an hour on one answer. */
  static final Duration MAX_WAIT = Duration.ofHours(1);

  private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;

  private RateLimitHeaders() {}

  static Optional<Duration> retryAfter(Headers headers, Instant now) {
    if (headers == null) {
      return Optional.empty();
    }
    Optional<Duration> stated = parseRetryAfter(headers.get("Retry-After"), now);
    if (stated.isPresent()) {
      return stated;
    }
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.contains("ratelimit") && lower.endsWith("-reset")) {
        Optional<Duration> reset = parseReset(headers.get(name), now);
        if (reset.isPresent()) {
          return reset;
        }
      }
    }
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-ratelimit-remaining") && isZero(headers.get(name))) {
        if (lower.endsWith("-second")) {
          return Optional.of(untilNext(now, ChronoUnit.SECONDS));
        }
        if (lower.endsWith("-minute")) {
          return Optional.of(untilNext(now, ChronoUnit.MINUTES));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code Retry-After}: whole (or, leniently, fractional) seconds, or an IMF-fixdate. */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    try {
      double seconds = Double.parseDouble(text);
      if (Double.isNaN(seconds) || seconds < 0) {
        return Optional.empty();
      }
      return Optional.of(
          clamp(
              Duration.ofMillis((long) Math.ceil(Math.min(seconds, MAX_WAIT.toSeconds()) * 1000))));
    } catch (NumberFormatException notSeconds) {
      // An HTTP date, below.
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(clamp(Duration.between(now, at)));
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> parseReset(String value, Instant now) {
    try {
      long seconds = (long) Math.ceil(Double.parseDouble(value.strip()));
      if (seconds < 0) {
        return Optional.empty();
      }
      if (seconds > ONE_YEAR_SECONDS) {
        return Optional.of(clamp(Duration.between(now, Instant.ofEpochSecond(seconds))));
      }
      return Optional.of(clamp(Duration.ofSeconds(seconds)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isZero(String value) {
    try {
      return value != null && Double.parseDouble(value.strip()) <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Duration untilNext(Instant now, ChronoUnit unit) {
    Instant next = now.truncatedTo(unit).plus(1, unit);
    return clamp(Duration.between(now, next));
  }

  private static Duration clamp(Duration wait) {
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }
}
