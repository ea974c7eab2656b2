package codestral.lsp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A fake local Ollama on loopback speaking its wire format: {@code POST /api/generate} and {@code
 * POST /api/chat}, answered as newline-delimited JSON ({@code application/x-ndjson}), one object
 * per token with {@code "done": false}, then a {@code "done": true} object with the counts. A model
 * that was not "pulled" gets Ollama's 404 {@code {"error": "model \"x\" not found, try pulling it
 * first"}}; an option Ollama does not know gets 400.
 */
final class FakeOllama implements AutoCloseable {
  private static final Set<String> OPTIONS = Set.of("temperature", "num_predict", "stop");

  private final ObjectMapper json = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Set<String> pulled = ConcurrentHashMap.newKeySet();
  private volatile List<String> tokens = List.of("return", " 42");

  /** A request the fake saw. */
  record Received(String path, String authorization, JsonNode body) {}

  FakeOllama() throws IOException {
    pulled.add("codestral:22b");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start();
  }

  String endpoint() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The tokens every answer streams, for generate and chat alike. */
  void answerWith(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  Received takeRequest() throws InterruptedException {
    Received next = received.poll(5, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("the fake Ollama received no request");
    }
    return next;
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
    received.add(new Received(request.getPath(), request.getHeader("Authorization"), body));
    boolean generate = "/api/generate".equals(request.getPath());
    if (!generate && !"/api/chat".equals(request.getPath())) {
      return new MockResponse().setResponseCode(404).setBody("404 page not found");
    }
    String model = body.path("model").asText("");
    if (!pulled.contains(model)) {
      return new MockResponse()
          .setResponseCode(404)
          .setHeader("Content-Type", "application/json; charset=utf-8")
          .setBody("{\"error\":\"model \\\"" + model + "\\\" not found, try pulling it first\"}");
    }
    for (Iterator<String> names = body.path("options").fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!OPTIONS.contains(name)) {
        return new MockResponse()
            .setResponseCode(400)
            .setBody("{\"error\":\"unknown option " + name + "\"}");
      }
    }
    StringBuilder lines = new StringBuilder();
    for (String token : tokens) {
      ObjectNode line = json.createObjectNode();
      line.put("model", model);
      line.put("created_at", "2026-11-23T12:00:00.000000Z");
      if (generate) {
        line.put("response", token);
      } else {
        line.putObject("message").put("role", "assistant").put("content", token);
      }
      line.put("done", false);
      lines.append(line).append('\n');
    }
    ObjectNode done = json.createObjectNode();
    done.put("model", model);
    done.put("created_at", "2026-11-23T12:00:01.000000Z");
    if (generate) {
      done.put("response", "");
    } else {
      done.putObject("message").put("role", "assistant").put("content", "");
    }
    done.put("done", true);
    done.put("done_reason", "stop");
    done.put("total_duration", 4_935_886_791L);
    done.put("prompt_eval_count", 26);
    done.put("eval_count", tokens.size());
    lines.append(done).append('\n');
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/x-ndjson")
        .setBody(lines.toString());
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
