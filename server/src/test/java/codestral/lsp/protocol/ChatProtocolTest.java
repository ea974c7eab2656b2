package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code codestral/chat} over JSON-RPC in-process, against the strict fake Codestral. */
class ChatProtocolTest {
  private static final String URI = "file:///work/project/shapes.py";
  private static final String SOURCE =
      "import math\n"
          + "\n"
          + "def area(r):\n"
          + "    return math.pi * r * r\n"
          + "\n"
          + "print(area(2))\n";

  private final ObjectMapper json = new ObjectMapper();
  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void answersWithTheWholeContentTheModelAndTheUsage() throws Exception {
    fake.enqueueChatStream(List.of("Use ", "`math.tau`", "."));
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      JsonObject answer =
          (JsonObject)
              InProcessServer.await(lsp.request("codestral/chat", chat("How do I get 2π?")));

      assertThat(answer.get("content").getAsString()).isEqualTo("Use `math.tau`.");
      assertThat(answer.get("model").getAsString()).isEqualTo("codestral-2508");
      assertThat(answer.get("finishReason").getAsString()).isEqualTo("stop");
      assertThat(answer.getAsJsonObject("usage").get("promptTokens").getAsInt()).isEqualTo(21);
      assertThat(answer.getAsJsonObject("usage").get("completionTokens").getAsInt()).isEqualTo(3);

      FakeCodestral.Received request = fake.takeRequest();
      assertThat(request.path()).isEqualTo("/v1/chat/completions");
      assertThat(request.authorization()).isEqualTo("Bearer " + FakeCodestral.KEY);
      JsonNode body = request.body();
      assertThat(body.path("stream").asBoolean()).isTrue();
      assertThat(body.path("model").asText()).isEqualTo("codestral-latest");
      JsonNode messages = body.path("messages");
      assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
      assertThat(messages.get(0).path("content").asText()).contains("coding assistant");
      assertThat(messages.get(messages.size() - 1).path("role").asText()).isEqualTo("user");
      assertThat(messages.get(messages.size() - 1).path("content").asText())
          .isEqualTo("How do I get 2π?");
    }
  }

  @Test
  void theSelectedCodeReachesTheModelWithItsPathAndLanguage() throws Exception {
    fake.enqueueChatStream(List.of("It computes a circle's area."));
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", SOURCE);
      Map<String, Object> params = chat("What does this do?");
      params.put("textDocument", Map.of("uri", URI));
      // Lines 2-3 (zero-based): the function, not the import nor the print.
      params.put("range", range(2, 0, 3, 26));
      InProcessServer.await(lsp.request("codestral/chat", params));

      JsonNode messages = fake.takeRequest().body().path("messages");
      String system = messages.get(0).path("content").asText();
      assertThat(system)
          .contains("def area(r):\n    return math.pi * r * r")
          .contains("/work/project/shapes.py")
          .contains("python")
          .contains("lines 3-4")
          .doesNotContain("import math")
          .doesNotContain("print(area(2))");
      assertThat(messages.get(1).path("content").asText()).isEqualTo("What does this do?");
    }
  }

  @Test
  void aDocumentWithoutRangeIsSentWhole() throws Exception {
    fake.enqueueChatStream(List.of("ok"));
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", SOURCE);
      Map<String, Object> params = chat("Any bug here?");
      params.put("textDocument", Map.of("uri", URI));
      InProcessServer.await(lsp.request("codestral/chat", params));

      String system = fake.takeRequest().body().path("messages").get(0).path("content").asText();
      assertThat(system).contains(SOURCE).contains("the whole file");
    }
  }

  @Test
  void partialResultsArriveInOrderAndAddUpToTheFinalText() throws Exception {
    List<String> deltas = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      deltas.add("part" + i + (i % 7 == 0 ? "\n" : " "));
    }
    fake.enqueueChatStream(deltas);
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      Map<String, Object> params = chat("Count for me.");
      params.put("partialResultToken", "partial-1");
      params.put("workDoneToken", "work-1");
      JsonObject answer = (JsonObject) InProcessServer.await(lsp.request("codestral/chat", params));

      // Progress notifications are handled before the response on the client's reader thread, so
      // all of them are recorded by now.
      List<String> received = new ArrayList<>();
      List<WorkDoneProgressNotification> work = new ArrayList<>();
      for (ProgressParams progress : lsp.client.progress) {
        if (progress.getToken().getLeft().equals("partial-1")) {
          received.add(((JsonObject) progress.getValue().getRight()).get("delta").getAsString());
        } else {
          assertThat(progress.getToken().getLeft()).isEqualTo("work-1");
          work.add(progress.getValue().getLeft());
        }
      }
      assertThat(received).containsExactlyElementsOf(deltas);
      assertThat(String.join("", received)).isEqualTo(answer.get("content").getAsString());

      assertThat(work.get(0)).isInstanceOf(WorkDoneProgressBegin.class);
      assertThat(((WorkDoneProgressBegin) work.get(0)).getCancellable()).isTrue();
      assertThat(work.subList(1, work.size() - 1))
          .isNotEmpty()
          .allMatch(WorkDoneProgressReport.class::isInstance);
      assertThat(work.get(work.size() - 1)).isInstanceOf(WorkDoneProgressEnd.class);
    }
  }

  @Test
  void cancelRequestMidStreamClosesTheUpstreamConnection() throws Exception {
    try (StallingUpstream upstream =
            new StallingUpstream("text/event-stream", firstChatEvent("Let me think"));
        InProcessServer lsp =
            InProcessServer.start(
                Map.of(
                    "CODESTRAL_API_KEY",
                    FakeCodestral.KEY,
                    "CODESTRAL_ENDPOINT",
                    upstream.endpoint()))) {
      lsp.initialize();
      Map<String, Object> params = chat("Explain everything.");
      params.put("partialResultToken", "partial-2");
      CompletableFuture<Object> pending = lsp.request("codestral/chat", params);

      // The first delta arrived, so the stream is open and the server is reading it.
      ProgressParams first = lsp.client.takeProgress();
      assertThat(((JsonObject) first.getValue().getRight()).get("delta").getAsString())
          .isEqualTo("Let me think");
      assertThat(upstream.requestLine()).startsWith("POST /v1/chat/completions ");

      pending.cancel(true); // LSP4J sends $/cancelRequest.
      assertThat(upstream.awaitClientGone())
          .as("the server closed the upstream connection")
          .isTrue();
      assertThat(lsp.isAlive()).isTrue();
    }
  }

  @Test
  void theProgressCancelButtonClosesTheUpstreamConnectionAndTheRequestEndsCancelled()
      throws Exception {
    try (StallingUpstream upstream =
            new StallingUpstream("text/event-stream", firstChatEvent("Hmm"));
        InProcessServer lsp =
            InProcessServer.start(
                Map.of(
                    "CODESTRAL_API_KEY",
                    FakeCodestral.KEY,
                    "CODESTRAL_ENDPOINT",
                    upstream.endpoint()))) {
      lsp.initialize();
      Map<String, Object> params = chat("Explain everything.");
      params.put("workDoneToken", "work-2");
      CompletableFuture<Object> pending = lsp.request("codestral/chat", params);

      assertThat(lsp.client.takeProgress().getValue().getLeft())
          .isInstanceOf(WorkDoneProgressBegin.class);
      assertThat(lsp.client.takeProgress().getValue().getLeft())
          .isInstanceOf(WorkDoneProgressReport.class);
      lsp.server().cancelProgress(new WorkDoneProgressCancelParams(Either.forLeft("work-2")));

      assertThat(upstream.awaitClientGone())
          .as("the server closed the upstream connection")
          .isTrue();
      assertThatThrownBy(() -> pending.get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              ResponseErrorException.class,
              e -> assertThat(e.getResponseError().getCode()).isEqualTo(-32800));
      assertThat(lsp.client.takeProgress().getValue().getLeft())
          .isInstanceOf(WorkDoneProgressEnd.class);
    }
  }

  @Test
  void anUpstreamErrorGivesAJsonRpcErrorWithAClearMessage() throws Exception {
    fake.enqueue(
        body ->
            FakeCodestral.error(
                429,
                "{\"object\":\"error\",\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\",\"code\":\"1300\"}"));
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      ResponseErrorException error = requestFails(lsp, chat("Hello?"));
      assertThat(error.getResponseError().getCode()).isEqualTo(-32803);
      assertThat(error.getResponseError().getMessage())
          .contains("rate limit")
          .contains("429")
          .contains("Rate limit exceeded")
          .doesNotContain(FakeCodestral.KEY);
      assertThat(((JsonObject) error.getResponseError().getData()).get("kind").getAsString())
          .isEqualTo("rate_limited");
      assertThat(lsp.log()).doesNotContain(FakeCodestral.KEY);
    }
  }

  @Test
  void aRefusedKeyIsAJsonRpcErrorNamingTheEndpointButNeverTheKey() throws Exception {
    try (InProcessServer lsp =
        InProcessServer.start(
            Map.of(
                "CODESTRAL_API_KEY", "wrong-key-abcdef", "CODESTRAL_ENDPOINT", fake.endpoint()))) {
      lsp.initialize();
      ResponseErrorException error = requestFails(lsp, chat("Hello?"));
      assertThat(error.getResponseError().getMessage())
          .contains("401")
          .contains(fake.endpoint())
          .doesNotContain("wrong-key-abcdef");
    }
  }

  @Test
  void anUnknownDocumentIsInvalidParamsAndNothingIsSent() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      Map<String, Object> params = chat("What is this?");
      params.put("textDocument", Map.of("uri", "file:///nowhere.py"));
      ResponseErrorException error = requestFails(lsp, params);
      assertThat(error.getResponseError().getCode()).isEqualTo(-32602);
      assertThat(error.getResponseError().getMessage())
          .contains("not open")
          .contains("file:///nowhere.py");
      assertThat(fake.requestCount()).isZero();
    }
  }

  @Test
  void settingsReplaceTheSystemPromptAndRequestParamsWinOverSettings() throws Exception {
    fake.enqueueChatStream(List.of("ok"));
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize(
          List.of("utf-16"),
          Map.of(
              "codestral",
              Map.of(
                  "chat",
                  Map.of(
                      "systemPrompt",
                      "Answer in haiku.",
                      "model",
                      "codestral-2508",
                      "maxTokens",
                      200,
                      "temperature",
                      0.5))));
      Map<String, Object> params = chat("Why tests?");
      params.put("temperature", 0.1);
      InProcessServer.await(lsp.request("codestral/chat", params));

      JsonNode body = fake.takeRequest().body();
      assertThat(body.path("messages").get(0).path("content").asText())
          .isEqualTo("Answer in haiku.");
      assertThat(body.path("model").asText()).isEqualTo("codestral-2508");
      assertThat(body.path("max_tokens").asInt()).isEqualTo(200);
      assertThat(body.path("temperature").asDouble()).isEqualTo(0.1);
    }
  }

  private static ResponseErrorException requestFails(InProcessServer lsp, Object params) {
    try {
      lsp.request("codestral/chat", params).get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ResponseErrorException.class);
      return (ResponseErrorException) e.getCause();
    } catch (CancellationException
        | InterruptedException
        | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("expected a JSON-RPC error, got " + e, e);
    }
    throw new AssertionError("expected a JSON-RPC error, got an answer");
  }

  private static Map<String, Object> chat(String question) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("messages", List.of(Map.of("role", "user", "content", question)));
    return params;
  }

  private static Map<String, Object> range(
      int startLine, int startCharacter, int endLine, int endCharacter) {
    return Map.of(
        "start", Map.of("line", startLine, "character", startCharacter),
        "end", Map.of("line", endLine, "character", endCharacter));
  }

  /** One SSE chunk with this delta, as the API streams it, and no end. */
  private String firstChatEvent(String delta) {
    var chunk = json.createObjectNode();
    chunk
        .put("id", "cmpl-stall")
        .put("object", "chat.completion.chunk")
        .put("model", "codestral-2508");
    chunk
        .putArray("choices")
        .addObject()
        .put("index", 0)
        .putNull("finish_reason")
        .putObject("delta")
        .put("content", delta);
    return "data: " + chunk + "\n\n";
  }
}
