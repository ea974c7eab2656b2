package codestral.lsp.backend.codestral;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.backend.FimRequest;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The FIM body is written field by field: it must still be exact JSON for any text. */
class FimBodyTest {
  private final ObjectMapper json = new ObjectMapper();
  private final CodestralClient client =
      new CodestralClient(
          OkHttpClient::new, () -> Settings.fromEnvironment(java.util.Map.of()), json);

  @Test
  void anyTextSurvivesTheTripThroughTheBody() throws Exception {
    String prompt = "def f(x):\n\t\"quoted\" \\ back\u0000slash \u0007 é 😀 \u2028 </script>\r\n";
    String suffix = "\n    return x  # ✓ 终\n";

    JsonNode body =
        json.readTree(
            client
                .fimBody(
                    new FimRequest(
                        "codestral-latest", prompt, suffix, 64, 0.2, List.of("\n\n", "def ")),
                    true)
                .toByteArray());

    assertThat(body.path("model").asText()).isEqualTo("codestral-latest");
    assertThat(body.path("prompt").asText()).isEqualTo(prompt);
    assertThat(body.path("suffix").asText()).isEqualTo(suffix);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("stop")).hasSize(2);
    assertThat(body.path("stop").path(1).asText()).isEqualTo("def ");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.size()).isEqualTo(7);
  }

  @Test
  void noStopsMeansNoStopField() throws Exception {
    JsonNode body =
        json.readTree(
            client.fimBody(new FimRequest("m", "", "", 1, 0.0, List.of()), false).toByteArray());

    assertThat(body.has("stop")).isFalse();
    assertThat(body.path("prompt").asText()).isEmpty();
    assertThat(body.path("stream").asBoolean()).isFalse();
  }
}
