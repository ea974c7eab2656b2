package codestral.lsp.backend.codestral;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.ChatBackend;
import codestral.lsp.backend.ChatDeltas;
import codestral.lsp.backend.ChatMessage;
import codestral.lsp.backend.ChatRequest;
import codestral.lsp.backend.ChatResult;
import codestral.lsp.backend.FimResult;
import codestral.lsp.backend.HttpCalls;
import codestral.lsp.backend.Usage;
import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Codestral's chat endpoint, streamed: {@code POST {endpoint}/v1/chat/completions} with {@code
 * "stream": true}, read event by event with {@link ServerSentEvents}.
 *
 * <p>Settings are read per call, as for completions. Chat answers can take minutes to stream, so
 * calls go through a client derived from the shared one (same pool and dispatcher) without the
 * whole-call timeout that suits completions; a stalled stream still fails on the read timeout.
 */
public final class CodestralChatClient implements ChatBackend {
  static final String CHAT_PATH = "/v1/chat/completions";
  private static final MediaType JSON = MediaType.get("application/json");

  private final Supplier<OkHttpClient> http;
  private final Supplier<Settings> settings;

  /** Built on first use: Jackson is heavy, and a warm-up or an idle server never needs it. */
  private final Supplier<ObjectMapper> json;

  private volatile OkHttpClient streaming;

  public CodestralChatClient(
      Supplier<OkHttpClient> http, Supplier<Settings> settings, ObjectMapper json) {
    this(http, settings, () -> json);
  }

  /** {@code json} is asked for on the first request, not before; it must return one mapper. */
  public CodestralChatClient(
      Supplier<OkHttpClient> http, Supplier<Settings> settings, Supplier<ObjectMapper> json) {
    this.http = http;
    this.settings = settings;
    this.json = json;
  }

  /** {@code POST {endpoint}/v1/chat/completions}, streamed. */
  @Override
  public CompletableFuture<ChatResult> chat(ChatRequest request, ChatDeltas deltas) {
    Settings current = settings.get();
    ApiKey key = current.apiKey();
    if (key == null) {
      return CompletableFuture.failedFuture(
          new BackendException(
              BackendException.Kind.NO_API_KEY,
              0,
              "No API key: set CODESTRAL_API_KEY (or MISTRAL_API_KEY) or the codestral.apiKey setting"));
    }
    String url = current.endpoint() + CHAT_PATH;
    byte[] body;
    try {
      body = json.get().writeValueAsBytes(chatBody(request));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    Request httpRequest =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + key.reveal())
            .header("Accept", "text/event-stream")
            .post(RequestBody.create(body, JSON))
            .build();
    Call call = streamingClient().newCall(httpRequest);
    // Cancelling the future ($/cancelRequest, or the user's cancel button) closes the stream.
    return HttpCalls.start(
        call,
        (response, done, future) -> read(response, url, key, deltas, future),
        (e, done) -> Redaction.scrub(e, key, url));
  }

  /** The request body: the documented fields and no others, since the API rejects unknown ones. */
  ObjectNode chatBody(ChatRequest request) {
    ObjectNode node = json.get().createObjectNode();
    node.put("model", request.model());
    ArrayNode messages = node.putArray("messages");
    for (ChatMessage message : request.messages()) {
      messages.addObject().put("role", message.role()).put("content", message.content());
    }
    node.put("max_tokens", request.maxTokens());
    node.put("temperature", request.temperature());
    node.put("stream", true);
    return node;
  }

  private ChatResult read(
      Response response, String url, ApiKey key, ChatDeltas deltas, CompletableFuture<?> future)
      throws IOException {
    ResponseBody body = response.body();
    if (!response.isSuccessful()) {
      throw ErrorBodies.toException(
          response.code(), body == null ? "" : body.string(), url, key, response.headers());
    }
    if (body == null) {
      throw new BackendException(
          BackendException.Kind.MALFORMED_RESPONSE,
          response.code(),
          "Codestral's chat answer had no body");
    }
    okhttp3.MediaType type = body.contentType();
    if (type != null && "json".equalsIgnoreCase(type.subtype())) {
      // Some proxies answer a streamed request whole: read it as one delta rather than fail.
      FimResult whole = Responses.parseFim(json.get(), body.string());
      if (!whole.text().isEmpty()) {
        deltas.onDelta(whole.text());
      }
      return new ChatResult(whole.text(), whole.finishReason(), whole.usage(), whole.model());
    }
    StreamState state = new StreamState();
    ServerSentEvents.End end =
        ServerSentEvents.read(
            body.source(),
            data -> {
              state.accept(chunk(data), deltas);
              // Stop reading as soon as nobody wants the rest.
              return !future.isDone();
            });
    if (end == ServerSentEvents.End.TRUNCATED && state.finishReason == null) {
      throw new BackendException(
          BackendException.Kind.MALFORMED_RESPONSE,
          response.code(),
          "Codestral's chat stream from " + url + " ended before the answer was complete");
    }
    return new ChatResult(state.content.toString(), state.finishReason, state.usage, state.model);
  }

  private JsonNode chunk(String data) {
    try {
      return json.get().readTree(data);
    } catch (IOException e) {
      throw new BackendException(
          BackendException.Kind.MALFORMED_RESPONSE,
          200,
          "Codestral's chat stream had an event that was not JSON");
    }
  }

  /** What the chunks added up to so far. Only the reading thread touches it. */
  private static final class StreamState {
    final StringBuilder content = new StringBuilder();
    String finishReason;
    Usage usage = Usage.UNKNOWN;
    String model = "";

    void accept(JsonNode chunk, ChatDeltas deltas) {
      if (chunk.path("model").isTextual()) {
        model = chunk.path("model").asText();
      }
      if (chunk.path("usage").isObject()) {
        usage = Responses.usage(chunk.path("usage"));
      }
      JsonNode choice = chunk.path("choices").path(0);
      String delta = Responses.content(choice.path("delta").path("content"));
      if (!delta.isEmpty()) {
        content.append(delta);
        deltas.onDelta(delta);
      }
      if (choice.path("finish_reason").isTextual()) {
        finishReason = choice.path("finish_reason").asText();
      }
    }
  }

  private OkHttpClient streamingClient() {
    OkHttpClient shared = http.get();
    OkHttpClient derived = streaming;
    if (derived == null) {
      // Benign race: two threads may each derive one; both share the pool and dispatcher.
      derived =
          shared
              .newBuilder()
              .callTimeout(Duration.ZERO)
              .readTimeout(Duration.ofSeconds(60))
              .build();
      streaming = derived;
    }
    return derived;
  }
}
