package codestral.lsp.backend.codestral;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.backend.BackendException;
import codestral.lsp.config.ApiKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  /** A fixed "now", 20 seconds into a minute. */
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:20Z");

  @Test
  void retryAfterInSecondsIsTheWait() {
    assertThat(RateLimitHeaders.retryAfter(Headers.of("Retry-After", "7"), NOW))
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateIsTheTimeUntilThatDate() {
    Headers headers = Headers.of("Retry-After", "Mon, 23 Nov 2026 12:01:05 GMT");
    assertThat(RateLimitHeaders.retryAfter(headers, NOW)).contains(Duration.ofSeconds(45));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    Headers headers = Headers.of("Retry-After", "Mon, 23 Nov 2026 11:59:00 GMT");
    assertThat(RateLimitHeaders.retryAfter(headers, NOW)).contains(Duration.ZERO);
  }

  @Test
  void absurdWaitsAreCappedAtAnHour() {
    assertThat(RateLimitHeaders.retryAfter(Headers.of("Retry-After", "99999999"), NOW))
        .contains(RateLimitHeaders.MAX_WAIT);
  }

  @Test
  void unreadableRetryAfterFallsBackToTheRateLimitHeaders() {
    Headers headers = Headers.of("Retry-After", "soon", "x-ratelimit-reset", "12");
    assertThat(RateLimitHeaders.retryAfter(headers, NOW)).contains(Duration.ofSeconds(12));
  }

  @Test
  void aResetGivenAsAnEpochSecondIsTheTimeUntilThen() {
    Headers headers =
        Headers.of("ratelimitbysize-reset", String.valueOf(NOW.getEpochSecond() + 30));
    assertThat(RateLimitHeaders.retryAfter(headers, NOW)).contains(Duration.ofSeconds(30));
  }

  @Test
  void anEmptyMinuteWindowWaitsUntilTheNextMinute() {
    Headers headers =
        Headers.of("x-ratelimit-remaining-req-minute", "0", "x-ratelimit-limit-req-minute", "30");
    assertThat(RateLimitHeaders.retryAfter(headers, NOW)).contains(Duration.ofSeconds(40));
  }

  @Test
  void remainingRequestsAboveZeroSayNothing() {
    Headers headers = Headers.of("x-ratelimit-remaining-req-minute", "3");
    assertThat(RateLimitHeaders.retryAfter(headers, NOW)).isEmpty();
  }

  @Test
  void noHeadersMeanNoStatedWait() {
    assertThat(RateLimitHeaders.retryAfter(Headers.of(), NOW)).isEmpty();
    assertThat(RateLimitHeaders.retryAfter(null, NOW)).isEmpty();
    assertThat(RateLimitHeaders.retryAfter(Headers.of("Retry-After", "-3"), NOW)).isEmpty();
  }

  @Test
  void a429ExceptionCarriesTheWaitAndOtherStatusesDoNot() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    ApiKey key = ApiKey.of("rate-limit-test-key", "test");
    BackendException limited =
        ErrorBodies.toException(
            429,
            "{\"message\":\"Rate limit exceeded\"}",
            "https://x",
            key,
            Headers.of("Retry-After", "3"),
            clock);
    assertThat(limited.kind()).isEqualTo(BackendException.Kind.RATE_LIMITED);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
    BackendException server =
        ErrorBodies.toException(503, "", "https://x", key, Headers.of("Retry-After", "3"), clock);
    assertThat(server.retryAfter()).isEmpty();
  }

  @Test
  void aKeyPastedIntoTheEndpointIsMaskedInTheMessage() {
    ApiKey key = ApiKey.of("pasted-secret-key-123456", "test");
    BackendException refused =
        ErrorBodies.toException(
            401,
            "{\"detail\":\"Unauthorized\"}",
            "https://host/pasted-secret-key-123456/v1/fim/completions",
            key,
            Headers.of());
    assertThat(refused.getMessage())
        .doesNotContain("pasted-secret-key-123456")
        .contains("https://host/[redacted]/v1");
  }
}
