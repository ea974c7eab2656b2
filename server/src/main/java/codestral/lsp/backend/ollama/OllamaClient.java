package codestral.lsp.backend.ollama;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.ChatBackend;
import codestral.lsp.backend.ChatDeltas;
import codestral.lsp.backend.ChatMessage;
import codestral.lsp.backend.ChatRequest;
import codestral.lsp.backend.ChatResult;
import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.backend.HttpCalls;
import codestral.lsp.backend.Usage;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * A local Ollama serving Codestral: FIM over {@code POST /api/generate} (with {@code suffix}), chat
 * over {@code POST /api/chat}, both streamed as newline-delimited JSON.
 *
 * <p>Settings are read per call. No key is sent: Ollama has none, and the Mistral key must not
 * leave for a server it was not meant for. The first call after {@code ollama serve} loads the
 * model, which can take a minute on a CPU before the first byte, so calls go through a client
 * derived from the shared one with a longer read timeout and no whole-call limit.
 */
public final class OllamaClient implements FimBackend, ChatBackend {
  static final String GENERATE_PATH = "/api/generate";
  static final String CHAT_PATH = "/api/chat";
  private static final MediaType JSON = MediaType.get("application/json");

  private final Supplier<OkHttpClient> http;
  private final Supplier<Settings> settings;

  /** Built on first use: Jackson is heavy, and a warm-up or an idle server never needs it. */
  private final Supplier<ObjectMapper> json;

  private volatile OkHttpClient local;

  public OllamaClient(Supplier<OkHttpClient> http, Supplier<Settings> settings, ObjectMapper json) {
    this(http, settings, () -> json);
  }

  /** {@code json} is asked for on the first request, not before; it must return one mapper. */
  public OllamaClient(
      Supplier<OkHttpClient> http, Supplier<Settings> settings, Supplier<ObjectMapper> json) {
    this.http = http;
    this.settings = settings;
    this.json = json;
  }

  /** {@code POST {endpoint}/api/generate}, streamed; the future completes with the whole text. */
  @Override
  public CompletableFuture<FimResult> complete(FimRequest request) {
    ObjectNode body = json.get().createObjectNode();
    body.put("model", request.model());
    body.put("prompt", request.prompt());
    body.put("suffix", request.suffix());
    body.set("options", options(request.temperature(), request.maxTokens(), request.stop()));
    body.put("stream", true);
    return cancelling(
        stream(
            GENERATE_PATH, body, request.model(), line -> line.path("response"), ChatDeltas.IGNORE),
        done -> new FimResult(done.text.toString(), done.doneReason, done.usage, done.model));
  }

  /**
   * {@code POST {endpoint}/api/chat}, streamed; each piece goes to {@code deltas} as it arrives.
   */
  @Override
  public CompletableFuture<ChatResult> chat(ChatRequest request, ChatDeltas deltas) {
    ObjectNode body = json.get().createObjectNode();
    body.put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage message : request.messages()) {
      messages.addObject().put("role", message.role()).put("content", message.content());
    }
    body.put("stream", true);
    body.set("options", options(request.temperature(), request.maxTokens(), List.of()));
    return cancelling(
        stream(
            CHAT_PATH, body, request.model(), line -> line.path("message").path("content"), deltas),
        done -> new ChatResult(done.text.toString(), done.doneReason, done.usage, done.model));
  }

  /**
   * {@code source.thenApply(convert)}, except that cancelling the result cancels {@code source}
   * too: a plain {@code thenApply} would leave the HTTP call running after the caller cancelled.
   */
  private static <T, R> CompletableFuture<R> cancelling(
      CompletableFuture<T> source, Function<T, R> convert) {
    CompletableFuture<R> result = source.thenApply(convert);
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            source.cancel(true);
          }
        });
    return result;
  }

  private ObjectNode options(double temperature, int maxTokens, List<String> stop) {
    ObjectNode options = json.get().createObjectNode();
    options.put("temperature", temperature);
    options.put("num_predict", maxTokens);
    if (!stop.isEmpty()) {
      ArrayNode list = options.putArray("stop");
      stop.forEach(list::add);
    }
    return options;
  }

  /**
   * Posts {@code body} and reads the NDJSON answer, taking each line's piece with {@code piece}.
   * Cancelling the returned future cancels the call, which closes the connection.
   */
  private CompletableFuture<Streamed> stream(
      String path,
      ObjectNode body,
      String model,
      Function<JsonNode, JsonNode> piece,
      ChatDeltas deltas) {
    String endpoint = settings.get().ollama().endpoint();
    String url = endpoint + path;
    byte[] bytes;
    try {
      bytes = json.get().writeValueAsBytes(body);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/x-ndjson")
            .post(RequestBody.create(bytes, JSON))
            .build();
    Call call = localClient().newCall(request);
    return HttpCalls.start(
        call,
        (response, done, future) -> read(response, url, model, piece, deltas, future),
        (e, done) ->
            e instanceof IOException ? OllamaErrors.transport((IOException) e, endpoint, url) : e);
  }

  private Streamed read(
      Response response,
      String url,
      String model,
      Function<JsonNode, JsonNode> piece,
      ChatDeltas deltas,
      CompletableFuture<?> future)
      throws IOException {
    ResponseBody body = response.body();
    if (!response.isSuccessful()) {
      throw OllamaErrors.status(response.code(), body == null ? "" : body.string(), url, model);
    }
    Streamed streamed = new Streamed(model);
    if (body == null) {
      throw truncated(url);
    }
    BufferedSource source = body.source();
    String line;
    while (!future.isDone() && (line = source.readUtf8Line()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = parse(line);
      if (node.path("error").isTextual()) {
        throw OllamaErrors.inStream(node.path("error").asText());
      }
      String text = piece.apply(node).asText("");
      if (!text.isEmpty()) {
        streamed.text.append(text);
        deltas.onDelta(text);
      }
      if (node.path("model").isTextual()) {
        streamed.model = node.path("model").asText();
      }
      if (node.path("done").asBoolean(false)) {
        streamed.doneReason =
            node.path("done_reason").isTextual() ? node.path("done_reason").asText() : "stop";
        streamed.usage =
            new Usage(node.path("prompt_eval_count").asInt(-1), node.path("eval_count").asInt(-1));
        return streamed;
      }
    }
    if (future.isDone()) {
      return streamed; // Cancelled: nobody reads this.
    }
    throw truncated(url);
  }

  private JsonNode parse(String line) {
    try {
      return json.get().readTree(line);
    } catch (IOException e) {
      throw new BackendException(
          BackendException.Kind.MALFORMED_RESPONSE,
          200,
          "Ollama's stream had a line that was not JSON");
    }
  }

  private static BackendException truncated(String url) {
    return new BackendException(
        BackendException.Kind.MALFORMED_RESPONSE,
        200,
        "Ollama's stream from " + url + " ended before its \"done\" line");
  }

  /** What the lines added up to. Only the reading thread touches it. */
  private static final class Streamed {
    final StringBuilder text = new StringBuilder();
    String doneReason;
    Usage usage = Usage.UNKNOWN;
    String model;

    Streamed(String model) {
      this.model = model;
    }
  }

  private OkHttpClient localClient() {
    OkHttpClient derived = local;
    if (derived == null) {
      // Benign race: two threads may each derive one; both share the pool and dispatcher.
      derived =
          http.get()
              .newBuilder()
              .callTimeout(Duration.ZERO)
              .readTimeout(Duration.ofSeconds(120))
              .build();
      local = derived;
    }
    return derived;
  }
}
