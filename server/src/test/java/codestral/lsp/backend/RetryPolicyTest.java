package codestral.lsp.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void retryDelaysDoubleWithJitterInTheUpperHalf() {
    assertThat(RetryPolicy.retryDelay(1, () -> 0.0)).isEqualTo(Duration.ofMillis(125));
    assertThat(RetryPolicy.retryDelay(1, () -> 1.0)).isEqualTo(Duration.ofMillis(250));
    assertThat(RetryPolicy.retryDelay(2, () -> 0.5)).isEqualTo(Duration.ofMillis(375));
  }

  @Test
  void retryDelaysAreCapped() {
    assertThat(RetryPolicy.retryDelay(30, () -> 1.0)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void coolDownsDoubleUpToAMinute() {
    assertThat(RetryPolicy.coolDown(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryPolicy.coolDown(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryPolicy.coolDown(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(RetryPolicy.coolDown(12)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void onlyLiteralLoopbackHostsCountAsLocal() {
    assertThat(EndpointPolicy.isLoopback("127.0.0.1")).isTrue();
    assertThat(EndpointPolicy.isLoopback("127.45.3.9")).isTrue();
    assertThat(EndpointPolicy.isLoopback("localhost")).isTrue();
    assertThat(EndpointPolicy.isLoopback("[::1]")).isTrue();
    assertThat(EndpointPolicy.isLoopback("127.0.0.1.evil.example")).isFalse();
    assertThat(EndpointPolicy.isLoopback("128.0.0.1")).isFalse();
    assertThat(EndpointPolicy.isLoopback("localhost.evil.example")).isFalse();
    assertThat(EndpointPolicy.isLoopback("10.0.0.1")).isFalse();
  }
}
