package codestral.lsp.backend.codestral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.ChatMessage;
import codestral.lsp.backend.ChatRequest;
import codestral.lsp.backend.ChatResult;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
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

class CodestralChatClientTest {
  private static final String KEY = "secret-key-42";

  private final ObjectMapper json = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private CodestralChatClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    Settings settings =
        Settings.fromEnvironment(Map.of("CODESTRAL_API_KEY", KEY))
            .with(b -> b.endpoint(server.url("/").toString()));
    OkHttpClient http = new OkHttpClient();
    client = new CodestralChatClient(() -> http, () -> settings, json);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static ChatRequest request() {
    return new ChatRequest(
        "codestral-latest",
        List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi")),
        64,
        0.2);
  }

  private static String event(String json) {
    return "data: " + json + "\n\n";
  }

  @Test
  void streamsDeltasInOrderAndAddsThemUpWithUsageAndFinishReason() throws Exception {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "text/event-stream")
            .setBody(
                event(
                        "{\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}")
                    + event(
                        "{\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}")
                    + event(
                        "{\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"lo\"}]},\"finish_reason\":null}]}")
                    + event(
                        "{\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}")
                    + "data: [DONE]\n\n"));
    List<String> deltas = new ArrayList<>();
    ChatResult result = client.chat(request(), deltas::add).get(5, TimeUnit.SECONDS);

    assertThat(deltas).containsExactly("Hel", "lo");
    assertThat(result.content()).isEqualTo("Hello");
    assertThat(result.finishReason()).isEqualTo("stop");
    assertThat(result.usage().promptTokens()).isEqualTo(7);
    assertThat(result.usage().completionTokens()).isEqualTo(2);
    assertThat(result.model()).isEqualTo("codestral-2508");
  }

  @Test
  void sendsOnlyDocumentedFieldsWithStreamOnAndTheBearerKey() throws Exception {
    server.enqueue(new MockResponse().setBody("data: [DONE]\n\n"));
    client.chat(request(), delta -> {}).get(5, TimeUnit.SECONDS);

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getPath()).isEqualTo("/v1/chat/completions");
    assertThat(recorded.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(recorded.getHeader("Accept")).isEqualTo("text/event-stream");
    JsonNode body = json.readTree(recorded.getBody().readUtf8());
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      assertThat(DocumentedFields.CHAT).contains(names.next());
    }
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Hi");
  }

  @Test
  void aStreamThatBreaksOffWithoutAFinishIsAnErrorNotAShortAnswer() {
    server.enqueue(
        new MockResponse()
            .setBody(
                event(
                    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half\"},\"finish_reason\":null}]}")));
    assertThatThrownBy(() -> client.chat(request(), delta -> {}).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.MALFORMED_RESPONSE);
              assertThat(e.getMessage()).contains("ended before");
            });
  }

  @Test
  void anErrorStatusIsABackendExceptionThatNeverShowsTheKey() {
    server.enqueue(
        new MockResponse().setResponseCode(401).setBody("{\"detail\":\"Unauthorized\"}"));
    assertThatThrownBy(() -> client.chat(request(), delta -> {}).get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.UNAUTHORIZED);
              assertThat(e.getMessage()).contains("CODESTRAL_API_KEY").doesNotContain(KEY);
            });
  }

  @Test
  void withoutAKeyNothingIsSent() {
    Settings noKey =
        Settings.fromEnvironment(Map.of()).with(b -> b.endpoint(server.url("/").toString()));
    OkHttpClient http = new OkHttpClient();
    CodestralChatClient keyless = new CodestralChatClient(() -> http, () -> noKey, json);
    assertThatThrownBy(() -> keyless.chat(request(), delta -> {}).get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.NO_API_KEY));
    assertThat(server.getRequestCount()).isZero();
  }
}
