package codestral.lsp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Deque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A fake Codestral on loopback that is as strict as the real one: it checks the path, the bearer
 * key and the JSON body, answers 422 {@code extra_forbidden} to any field the API does not
 * document, 401 to a wrong key, and otherwise the answer a test queued (or a default).
 *
 * <p>Every request it received, valid or not, is recorded for the test to assert on.
 */
final class FakeCodestral implements AutoCloseable {
  static final String KEY = "test-key-0123456789abcdef";

  private static final Set<String> FIM_FIELDS =
      Set.of("model", "prompt", "suffix", "max_tokens", "min_tokens", "temperature", "top_p",
          "stop", "random_seed", "stream");
  private static final Set<String> CHAT_FIELDS =
      Set.of("model", "messages", "max_tokens", "min_tokens", "temperature", "top_p", "stop",
          "random_seed", "stream", "response_format", "tools", "tool_choice", "presence_penalty",
          "frequency_penalty", "n", "prediction", "parallel_tool_calls", "safe_prompt");

  private final ObjectMapper json = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Deque<Function<JsonNode, MockResponse>> scripted = new ConcurrentLinkedDeque<>();
  private volatile String defaultCompletion = "return 42;";

  /** A request the fake saw: its path, headers and parsed body. */
  record Received(String path, String authorization, String contentType, JsonNode body) {
    String prompt() {
      return body.path("prompt").asText();
    }

    String suffix() {
      return body.path("suffix").asText();
    }
  }

  FakeCodestral() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start();
  }

  /** The base URL to give the server as {@code CODESTRAL_ENDPOINT}. */
  String endpoint() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The completion text of every answer that no script overrides. */
  void setDefaultCompletion(String text) {
    this.defaultCompletion = text;
  }

  /** Answers the next valid FIM request with this completion text. */
  void enqueueCompletion(String text) {
    scripted.add(body -> completion(text));
  }

  /** Answers the next valid request with whatever the function builds from its body. */
  void enqueue(Function<JsonNode, MockResponse> answer) {
    scripted.add(answer);
  }

  /** The next request the fake received, waiting up to five seconds for it. */
  Received takeRequest() throws InterruptedException {
    Received next = received.poll(5, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("the fake Codestral received no request");
    }
    return next;
  }

  /** The requests received so far and not yet taken. */
  List<Received> drainRequests() {
    List<Received> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  int requestCount() {
    return server.getRequestCount();
  }

  private MockResponse answer(RecordedRequest request) {
    JsonNode body;
    try {
      body = json.readTree(request.getBody().readUtf8());
    } catch (IOException e) {
      body = json.createObjectNode();
    }
    received.add(
        new Received(request.getPath(), request.getHeader("Authorization"),
            request.getHeader("Content-Type"), body));
    if (!("Bearer " + KEY).equals(request.getHeader("Authorization"))) {
      return error(401, "{\"message\":\"Unauthorized\",\"request_id\":\"fake\"}");
    }
    Set<String> allowed;
    if ("/v1/fim/completions".equals(request.getPath())) {
      allowed = FIM_FIELDS;
    } else if ("/v1/chat/completions".equals(request.getPath())) {
      allowed = CHAT_FIELDS;
    } else {
      return error(404, "{\"detail\":\"Not Found\"}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        return error(422, extraForbidden(name));
      }
    }
    if (!body.path("model").isTextual()) {
      return error(422, "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"model\"],\"msg\":\"Field required\"}]},\"type\":\"invalid_request_error\"}");
    }
    Function<JsonNode, MockResponse> script = scripted.poll();
    return script != null ? script.apply(body) : completion(defaultCompletion);
  }

  /** A non-streaming answer in the exact shape the API sends. */
  MockResponse completion(String text) {
    ObjectNode root = json.createObjectNode();
    root.put("id", "447e3e0d457e42e98248b5d2ef52a2a3");
    root.put("object", "chat.completion");
    root.put("model", "codestral-2508");
    root.put("created", 1759496862);
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", 8);
    usage.put("completion_tokens", 91);
    usage.put("total_tokens", 99);
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", text);
    message.putNull("tool_calls");
    message.put("prefix", false);
    choice.put("finish_reason", "stop");
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(root.toString());
  }

  static MockResponse error(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static String extraForbidden(String field) {
    return "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\""
        + field
        + "\"],\"msg\":\"Extra inputs are not permitted\",\"input\":null}]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}";
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  /** Answers the next valid chat request with a stream of these deltas, then usage and [DONE]. */
  void enqueueChatStream(List<String> deltas) {
    scripted.add(body -> chatStream(deltas, 21, deltas.size()));
  }

  /**
   * A streamed chat answer in the exact shape the API sends: a first chunk with the role, one
   * chunk per delta, a last chunk with {@code finish_reason} and {@code usage}, then {@code [DONE]}.
   */
  MockResponse chatStream(List<String> deltas, int promptTokens, int completionTokens) {
    StringBuilder events = new StringBuilder();
    ObjectNode first = chatChunk();
    first.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
        .putObject("delta").put("role", "assistant").put("content", "");
    events.append("data: ").append(first).append("\n\n");
    for (String delta : deltas) {
      ObjectNode chunk = chatChunk();
      chunk.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
          .putObject("delta").put("content", delta);
      events.append("data: ").append(chunk).append("\n\n");
    }
    ObjectNode last = chatChunk();
    ObjectNode choice = last.withArray("choices").addObject().put("index", 0);
    choice.putObject("delta").put("content", "");
    choice.put("finish_reason", "stop");
    last.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    events.append("data: ").append(last).append("\n\n");
    events.append("data: [DONE]\n\n");
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "text/event-stream")
        .setBody(events.toString());
  }

  private ObjectNode chatChunk() {
    ObjectNode chunk = json.createObjectNode();
    chunk.put("id", "cmpl-fake");
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", 1759496862);
    chunk.put("model", "codestral-2508");
    return chunk;
  }
}
