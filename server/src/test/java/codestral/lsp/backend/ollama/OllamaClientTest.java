package codestral.lsp.backend.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.ChatMessage;
import codestral.lsp.backend.ChatRequest;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OllamaClientTest {
  private final ObjectMapper json = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private OllamaClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    String endpoint = server.url("/").toString();
    Settings settings =
        Settings.fromEnvironment(Map.of("CODESTRAL_API_KEY", "mistral-secret"))
            .with(b -> b.provider(Settings.Provider.OLLAMA))
            .with(
                b ->
                    b.ollama(
                        new Settings.Ollama(
                            endpoint.substring(0, endpoint.length() - 1), "codestral:22b")));
    OkHttpClient http = new OkHttpClient();
    client = new OllamaClient(() -> http, () -> settings, json);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static FimRequest fim() {
    return new FimRequest("codestral:22b", "x = ", "\n", 32, 0.0, List.of("\n\n"));
  }

  @Test
  void generateAddsUpTheResponsesAndReadsTheCountsOfTheDoneLine() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"model\":\"codestral:22b\",\"response\":\"4\",\"done\":false}\n"
                    + "{\"model\":\"codestral:22b\",\"response\":\"2\",\"done\":false}\n"
                    + "{\"model\":\"codestral:22b\",\"response\":\"\",\"done\":true,\"done_reason\":\"length\",\"prompt_eval_count\":5,\"eval_count\":2}\n"));
    FimResult result = client.complete(fim()).get(5, TimeUnit.SECONDS);
    assertThat(result.text()).isEqualTo("42");
    assertThat(result.finishReason()).isEqualTo("length");
    assertThat(result.usage().promptTokens()).isEqualTo(5);
    assertThat(result.usage().completionTokens()).isEqualTo(2);

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getPath()).isEqualTo("/api/generate");
    assertThat(recorded.getHeader("Authorization")).isNull();
    JsonNode body = json.readTree(recorded.getBody().readUtf8());
    assertThat(body.path("suffix").asText()).isEqualTo("\n");
    assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(32);
    assertThat(body.path("options").path("stop").get(0).asText()).isEqualTo("\n\n");
    assertThat(body.path("stream").asBoolean()).isTrue();
  }

  @Test
  void chatPassesEachMessagePieceToTheListenerInOrder() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n\n"
                    + "{\"message\":{\"role\":\"assistant\",\"content\":\" there\"},\"done\":false}\n"
                    + "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n"));
    List<String> deltas = new ArrayList<>();
    var result =
        client
            .chat(
                new ChatRequest(
                    "codestral:22b", List.of(new ChatMessage("user", "Hello")), 10, 0.2),
                deltas::add)
            .get(5, TimeUnit.SECONDS);
    assertThat(deltas).containsExactly("Hi", " there");
    assertThat(result.content()).isEqualTo("Hi there");
    assertThat(result.finishReason()).isEqualTo("stop");
    assertThat(server.takeRequest().getPath()).isEqualTo("/api/chat");
  }

  @Test
  void anErrorLineInsideTheStreamFailsTheCall() {
    server.enqueue(
        new MockResponse()
            .setBody("{\"response\":\"4\",\"done\":false}\n{\"error\":\"out of memory\"}\n"));
    assertThatThrownBy(() -> client.complete(fim()).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            BackendException.class, e -> assertThat(e.getMessage()).contains("out of memory"));
  }

  @Test
  void aStreamWithoutItsDoneLineIsAnErrorNotAShortAnswer() {
    server.enqueue(new MockResponse().setBody("{\"response\":\"4\",\"done\":false}\n"));
    assertThatThrownBy(() -> client.complete(fim()).get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.MALFORMED_RESPONSE));
  }

  @Test
  void aNotFoundThatIsNotAboutAModelBlamesTheEndpoint() {
    server.enqueue(new MockResponse().setResponseCode(404).setBody("404 page not found"));
    assertThatThrownBy(() -> client.complete(fim()).get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            BackendException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("codestral.ollama.endpoint")
                    .doesNotContain("ollama pull"));
  }
}
