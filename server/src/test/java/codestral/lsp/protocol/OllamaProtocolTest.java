package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code codestral.provider: "ollama"}: the same features, served by a fake local Ollama. */
class OllamaProtocolTest {
  private static final String URI = "file:///work/project/main.py";

  private FakeOllama ollama;

  @BeforeEach
  void startFake() throws Exception {
    ollama = new FakeOllama();
  }

  @AfterEach
  void stopFake() throws Exception {
    ollama.close();
  }

  /** A server with no key at all: Ollama needs none. */
  private static InProcessServer startLocal() throws Exception {
    return InProcessServer.start(Map.of());
  }

  private static Map<String, Object> ollamaSettings(String endpoint, String model) {
    Map<String, Object> local = new LinkedHashMap<>();
    local.put("endpoint", endpoint);
    if (model != null) {
      local.put("model", model);
    }
    return Map.of("codestral", Map.of("provider", "ollama", "ollama", local));
  }

  @Test
  void inlineCompletionComesFromOllamaGenerateWithoutAKey() throws Exception {
    ollama.answerWith(List.of("a", " +", " b"));
    try (InProcessServer lsp = startLocal()) {
      lsp.initialize(List.of("utf-16"), ollamaSettings(ollama.endpoint(), null));
      lsp.open(URI, "python", "def add(a, b):\n    return \n");
      InlineCompletionList list = lsp.inline(URI, 1, 11);

      FakeOllama.Received request = ollama.takeRequest();
      assertThat(request.path()).isEqualTo("/api/generate");
      assertThat(request.authorization()).isNull();
      JsonNode body = request.body();
      assertThat(body.path("model").asText()).isEqualTo("codestral:22b");
      assertThat(body.path("prompt").asText()).isEqualTo("def add(a, b):\n    return ");
      assertThat(body.path("suffix").asText()).isEqualTo("\n");
      assertThat(body.path("stream").asBoolean()).isTrue();
      assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(128);
      assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.0);

      assertThat(list.getItems()).hasSize(1);
      InlineCompletionItem item = list.getItems().get(0);
      assertThat(item.getInsertText().getLeft()).isEqualTo("    return a + b");
      // No "no API key" warning: a local provider needs none.
      assertThat(lsp.client.shownMessages).isEmpty();
    }
  }

  @Test
  void chatStreamsFromOllamaChatInOrderWithTheSelectionAndTheCounts() throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      tokens.add("t" + i + " ");
    }
    ollama.answerWith(tokens);
    try (InProcessServer lsp = startLocal()) {
      lsp.initialize(List.of("utf-16"), ollamaSettings(ollama.endpoint(), null));
      lsp.open(URI, "python", "x = 1\ny = x * 2\n");
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("messages", List.of(Map.of("role", "user", "content", "Explain y.")));
      params.put("textDocument", Map.of("uri", URI));
      params.put(
          "range",
          Map.of(
              "start",
              Map.of("line", 1, "character", 0),
              "end",
              Map.of("line", 1, "character", 9)));
      params.put("partialResultToken", "p");
      JsonObject answer = (JsonObject) InProcessServer.await(lsp.request("codestral/chat", params));

      List<String> deltas = new ArrayList<>();
      for (ProgressParams progress : lsp.client.progress) {
        deltas.add(((JsonObject) progress.getValue().getRight()).get("delta").getAsString());
      }
      assertThat(deltas).containsExactlyElementsOf(tokens);
      assertThat(answer.get("content").getAsString()).isEqualTo(String.join("", tokens));
      assertThat(answer.get("model").getAsString()).isEqualTo("codestral:22b");
      assertThat(answer.get("finishReason").getAsString()).isEqualTo("stop");
      assertThat(answer.getAsJsonObject("usage").get("promptTokens").getAsInt()).isEqualTo(26);
      assertThat(answer.getAsJsonObject("usage").get("completionTokens").getAsInt()).isEqualTo(25);

      FakeOllama.Received request = ollama.takeRequest();
      assertThat(request.path()).isEqualTo("/api/chat");
      JsonNode messages = request.body().path("messages");
      assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
      assertThat(messages.get(0).path("content").asText())
          .contains("y = x * 2")
          .doesNotContain("x = 1");
      assertThat(messages.get(1).path("content").asText()).isEqualTo("Explain y.");
      assertThat(request.body().path("stream").asBoolean()).isTrue();
      assertThat(request.body().path("options").path("num_predict").asInt()).isEqualTo(1024);
    }
  }

  @Test
  void cancellingAChatMidStreamClosesTheConnectionToOllama() throws Exception {
    String firstLine =
        "{\"model\":\"codestral:22b\",\"created_at\":\"2026-11-23T12:00:00Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Let\"},\"done\":false}\n";
    try (StallingUpstream upstream = new StallingUpstream("application/x-ndjson", firstLine);
        InProcessServer lsp = startLocal()) {
      lsp.initialize(List.of("utf-16"), ollamaSettings(upstream.endpoint(), null));
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("messages", List.of(Map.of("role", "user", "content", "Go on.")));
      params.put("partialResultToken", "p");
      CompletableFuture<Object> pending = lsp.request("codestral/chat", params);

      ProgressParams first = lsp.client.takeProgress();
      assertThat(((JsonObject) first.getValue().getRight()).get("delta").getAsString())
          .isEqualTo("Let");
      assertThat(upstream.requestLine()).startsWith("POST /api/chat ");

      pending.cancel(true);
      assertThat(upstream.awaitClientGone())
          .as("the server closed the connection to Ollama")
          .isTrue();
      assertThat(lsp.isAlive()).isTrue();
    }
  }

  @Test
  void ollamaNotRunningIsOfflineWithTheCommandThatStartsIt() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (InProcessServer lsp = startLocal()) {
      lsp.initialize(List.of("utf-16"), ollamaSettings("http://127.0.0.1:" + closedPort, null));
      ResponseErrorException error = chatFails(lsp);
      assertThat(error.getResponseError().getMessage())
          .contains("not running")
          .contains("ollama serve");
      assertThat(((JsonObject) error.getResponseError().getData()).get("kind").getAsString())
          .isEqualTo("offline");

      lsp.open(URI, "python", "x = ");
      assertThat(lsp.inline(URI, 0, 4).getItems()).isEmpty();
      List<MessageParams> shown = lsp.client.awaitShownMessages(1);
      assertThat(shown.get(0).getMessage()).contains("ollama serve");
    }
  }

  @Test
  void aModelThatWasNotPulledIsToldWithTheCommandThatPullsIt() throws Exception {
    try (InProcessServer lsp = startLocal()) {
      lsp.initialize(List.of("utf-16"), ollamaSettings(ollama.endpoint(), "codestral:missing"));
      ResponseErrorException error = chatFails(lsp);
      assertThat(error.getResponseError().getMessage()).contains("ollama pull codestral:missing");
      assertThat(((JsonObject) error.getResponseError().getData()).get("kind").getAsString())
          .isEqualTo("not_found");

      lsp.open(URI, "python", "x = ");
      assertThat(lsp.inline(URI, 0, 4).getItems()).isEmpty();
      assertThat(lsp.client.awaitShownMessages(1).get(0).getMessage())
          .contains("ollama pull codestral:missing");
    }
  }

  @Test
  void switchingTheProviderAtRuntimeSendsTheNextRequestToTheOtherOne() throws Exception {
    try (FakeCodestral codestral = new FakeCodestral();
        InProcessServer lsp = InProcessServer.startAgainst(codestral)) {
      lsp.initialize(
          List.of("utf-16"),
          Map.of("codestral", Map.of("ollama", Map.of("endpoint", ollama.endpoint()))));
      lsp.open(URI, "python", "x = ");
      lsp.inline(URI, 0, 4);
      assertThat(codestral.takeRequest().path()).isEqualTo("/v1/fim/completions");

      lsp.server()
          .getWorkspaceService()
          .didChangeConfiguration(
              new DidChangeConfigurationParams(Map.of("codestral", Map.of("provider", "ollama"))));
      lsp.inline(URI, 0, 4);
      FakeOllama.Received local = ollama.takeRequest();
      assertThat(local.path()).isEqualTo("/api/generate");
      // The Mistral key stays with Mistral.
      assertThat(local.authorization()).isNull();
      assertThat(codestral.requestCount()).isEqualTo(1);
    }
  }

  private static ResponseErrorException chatFails(InProcessServer lsp) throws Exception {
    Map<String, Object> params =
        Map.of("messages", List.of(Map.of("role", "user", "content", "Hi")));
    assertThatThrownBy(() -> lsp.request("codestral/chat", params).get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ResponseErrorException.class);
    try {
      lsp.request("codestral/chat", params).get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected an error");
    } catch (ExecutionException e) {
      return (ResponseErrorException) e.getCause();
    }
  }
}
