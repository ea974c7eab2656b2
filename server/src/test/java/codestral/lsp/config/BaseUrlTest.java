package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A base URL copied with the API's /v1 is called as the base, not as /v1/v1/fim/completions. */
class BaseUrlTest {
  @Test
  void aTrailingV1IsDroppedFromTheEnvironmentsEndpoint() {
    assertThat(
            Settings.fromEnvironment(
                    Map.of("CODESTRAL_ENDPOINT", "https://codestral.mistral.ai/v1"))
                .endpoint())
        .isEqualTo("https://codestral.mistral.ai");
    assertThat(
            Settings.fromEnvironment(Map.of("CODESTRAL_ENDPOINT", " http://127.0.0.1:9/proxy/v1/ "))
                .endpoint())
        .isEqualTo("http://127.0.0.1:9/proxy");
  }

  @Test
  void aTrailingV1IsDroppedFromTheEditorsSetting() {
    assertThat(
            Settings.fromEnvironment(Map.of())
                .with(b -> b.endpoint("https://api.mistral.ai/v1/"))
                .endpoint())
        .isEqualTo("https://api.mistral.ai");
  }

  @Test
  void aV1ElsewhereInThePathIsKept() {
    assertThat(BaseUrl.of("https://proxy.example/v1/codestral", "test"))
        .isEqualTo("https://proxy.example/v1/codestral");
    assertThat(BaseUrl.of("https://proxy.example/apiv1", "test"))
        .isEqualTo("https://proxy.example/apiv1");
  }
}
