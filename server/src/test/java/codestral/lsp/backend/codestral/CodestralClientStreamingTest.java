package codestral.lsp.backend.codestral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CodestralClientStreamingTest {
  private static final String KEY = "sk-test-streaming-0123456789";
  private static final FimRequest REQUEST =
      new FimRequest("codestral-latest", "def f():\n    return ", "\n", 64, 0.0, List.of("\n"));

  private final MockWebServer server = new MockWebServer();
  private final ObjectMapper json = new ObjectMapper();
  private final OkHttpClient http = new OkHttpClient();
  private CodestralClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    String endpoint = server.url("/").toString().replaceAll("/$", "");
    Settings settings =
        new Settings(
            endpoint, ApiKey.of(KEY, "test"), "codestral-latest", Settings.Completion.defaults());
    client = new CodestralClient(() -> http, () -> settings, json);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static String chunk(String content, String finish) {
    return "data: {\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"codestral-2508\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + content
        + "\"},\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + "}]}\n\n";
  }

  private static MockResponse stream(String... chunks) {
    StringBuilder body = new StringBuilder();
    for (String c : chunks) {
      body.append(c);
    }
    body.append("data: [DONE]\n\n");
    return new MockResponse()
        .setHeader("Content-Type", "text/event-stream")
        .setBody(body.toString());
  }

  @Test
  void aStreamedAnswerIsReadChunkByChunkAndTheListenerSeesItGrow() throws Exception {
    server.enqueue(
        stream(chunk("", null), chunk("a", null), chunk(" + b", null), chunk("", "stop")));
    List<String> seen = new CopyOnWriteArrayList<>();
    FimResult result = client.complete(REQUEST, text -> !seen.add(text)).get(5, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("a", "a + b");
    assertThat(result.text()).isEqualTo("a + b");
    assertThat(result.finishReason()).isEqualTo("stop");
    assertThat(result.model()).isEqualTo("codestral-2508");
  }

  @Test
  void theStreamedRequestCarriesStreamTrueAndOnlyDocumentedFields() throws Exception {
    server.enqueue(stream(chunk("x", "stop")));
    client.complete(REQUEST, text -> false).get(5, TimeUnit.SECONDS);
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getPath()).isEqualTo("/v1/fim/completions");
    assertThat(recorded.getHeader("Accept")).isEqualTo("text/event-stream");
    JsonNode body = json.readTree(recorded.getBody().readUtf8());
    assertThat(body.path("stream").asBoolean()).isTrue();
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(DocumentedFields.FIM).containsAll(fields);
  }

  @Test
  void readingStopsAndTheCallEndsAsSoonAsTheListenerHasDecided() throws Exception {
    // The rest of the body would take a minute to arrive: only an early stop finishes in time.
    StringBuilder rest = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      rest.append(chunk("more", null));
    }
    server.enqueue(
        stream(chunk("a + b", null), chunk("\\n", null), rest.toString())
            .throttleBody(300, 300, TimeUnit.MILLISECONDS));
    FimResult result =
        client.complete(REQUEST, text -> text.contains("\n")).get(20, TimeUnit.SECONDS);
    assertThat(result.text()).isEqualTo("a + b\n");
    assertThat(result.finishReason()).isEqualTo("stop");
  }

  @Test
  void aServerThatIgnoresTheStreamFlagIsReadAsPlainJson() throws Exception {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"42\"},\"finish_reason\":\"stop\"}]}"));
    List<String> seen = new CopyOnWriteArrayList<>();
    FimResult result = client.complete(REQUEST, text -> !seen.add(text)).get(5, TimeUnit.SECONDS);
    assertThat(result.text()).isEqualTo("42");
    assertThat(seen).containsExactly("42");
  }

  @Test
  void anErrorAnswerToAStreamedCallIsABackendExceptionWithoutTheKey() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setBody("{\"detail\":\"Unauthorized " + KEY + "\"}"));
    assertThatThrownBy(() -> client.complete(REQUEST, text -> false).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(BackendException.class)
        .satisfies(
            e ->
                assertThat(((BackendException) e).kind())
                    .isEqualTo(BackendException.Kind.UNAUTHORIZED))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
  }

  @Test
  void aStreamCutShortWithoutDoneIsAFailure() {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "text/event-stream")
            .setBody(chunk("a", null)));
    assertThatThrownBy(() -> client.complete(REQUEST, text -> false).join())
        .hasCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void warmUpIsAGetOfTheModelsPathWithoutTheKey() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(401));
    client.warmUp().get(5, TimeUnit.SECONDS);
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getPath()).isEqualTo("/v1/models");
    assertThat(recorded.getHeader("Authorization")).isNull();
  }
}
