package codestral.lsp.backend.codestral;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.backend.FimStreamListener;
import codestral.lsp.backend.HttpCalls;
import codestral.lsp.backend.Usage;
import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Codestral's FIM endpoint over OkHttp.
 *
 * <p>Settings are read per call, so a new endpoint or key takes effect on the next request without
 * a restart. The client is shared by the whole process (one connection pool) and created on first
 * use, so start-up pays nothing for it.
 */
public final class CodestralClient implements FimBackend {
  static final MediaType JSON = MediaType.get("application/json");
  static final String FIM_PATH = "/v1/fim/completions";
  static final String WARM_UP_PATH = "/v1/models";

  private final Supplier<OkHttpClient> http;
  private final Supplier<Settings> settings;

  /** Built on first use: Jackson is heavy; the warm-up builds it, off the request path. */
  private final Supplier<ObjectMapper> json;

  public CodestralClient(
      Supplier<OkHttpClient> http, Supplier<Settings> settings, ObjectMapper json) {
    this(http, settings, () -> json);
  }

  /**
   * {@code json} is asked for by the warm-up or the first request, not before; it must return one
   * mapper.
   */
  public CodestralClient(
      Supplier<OkHttpClient> http, Supplier<Settings> settings, Supplier<ObjectMapper> json) {
    this.http = http;
    this.settings = settings;
    this.json = json;
  }

  /** {@code POST {endpoint}/v1/fim/completions}, answered in one piece. */
  @Override
  public CompletableFuture<FimResult> complete(FimRequest request) {
    return start(request, null);
  }

  /**
   * {@code POST {endpoint}/v1/fim/completions} with {@code "stream": true}: the answer is read
   * event by event on OkHttp's thread, and the call is cancelled as soon as the listener says the
   * answer is decided. A server that answers with plain JSON despite the flag is read as such.
   */
  @Override
  public CompletableFuture<FimResult> complete(FimRequest request, FimStreamListener listener) {
    return start(request, listener);
  }

  /**
   * {@code GET {endpoint}/v1/models}, without the key: any answer (here a small 401) leaves an open
   * connection, TLS handshake done, in the shared pool for the first completion to reuse. The
   * models path is documented, free and read-only, and a proxy with a path prefix routes it like
   * the FIM path; sending no key means nothing secret travels for it. GET rather than HEAD because
   * some servers (and test fakes) send a body even to HEAD, which would poison the pooled
   * connection; the small error body is drained when the response is closed. Costs no tokens.
   */
  @Override
  public CompletableFuture<Void> warmUp() {
    Settings current = settings.get();
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (current.apiKey() == null) {
      done.complete(null);
      return done;
    }
    Request head = new Request.Builder().url(current.endpoint() + WARM_UP_PATH).get().build();
    http.get()
        .newCall(head)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call failed, IOException e) {
                done.completeExceptionally(
                    Redaction.scrub(e, current.apiKey(), current.endpoint()));
              }

              @Override
              public void onResponse(Call call, Response response) {
                response.close();
                done.complete(null);
              }
            });
    // While the connection opens: the codec, so that the first request does not pay for Jackson.
    try {
      fimBody(new FimRequest(current.model(), "", "", 1, 0.0, List.of("\n")), true);
      json.get().readTree("{\"choices\":[{\"delta\":{\"content\":\"\"}}]}");
    } catch (IOException e) {
      // Unreachable for these constant bodies; the first request would report any real problem.
    }
    return done;
  }

  private CompletableFuture<FimResult> start(FimRequest request, FimStreamListener listener) {
    Settings current = settings.get();
    ApiKey key = current.apiKey();
    if (key == null) {
      return CompletableFuture.failedFuture(
          new BackendException(
              BackendException.Kind.NO_API_KEY,
              0,
              "No API key: set CODESTRAL_API_KEY (or MISTRAL_API_KEY) or the codestral.apiKey setting"));
    }
    boolean stream = listener != null;
    String url = current.endpoint() + FIM_PATH;
    BodyBytes body;
    try {
      body = fimBody(request, stream);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    Request httpRequest =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + key.reveal())
            .header("Accept", stream ? "text/event-stream" : "application/json")
            .post(body.toRequestBody(JSON))
            .build();
    Call call = http.get().newCall(httpRequest);
    // Cancelling the future (the editor's $/cancelRequest) must stop the network work too.
    return HttpCalls.start(
        call,
        (response, done, future) -> read(response, url, key, listener, future, done),
        (e, done) -> {
          if (!isWholeErrorAnswer(e)) {
            // A stream cut short: make sure the connection is dropped, not returned to the pool.
            // An HTTP error's body was read whole, so its connection stays pooled for the next call
            // (cancelling a call that already failed changes nothing).
            done.cancel();
          }
          return Redaction.scrub(e, key, url);
        });
  }

  private static boolean isWholeErrorAnswer(Exception e) {
    return e instanceof BackendException backend
        && backend.kind() != BackendException.Kind.MALFORMED_RESPONSE;
  }

  /**
   * The request body: the documented fields and no others, since the API rejects unknown ones.
   * Written field by field, not built as a tree first: it is on every completion's path. The prompt
   * and suffix (thousands of chars) go through Jackson's own recycled char buffer, and OkHttp sends
   * the stream's array as it is: one copy of the window's text, the encoded one (a copy into an
   * array of our own first, and the stream's {@code toByteArray()} after, were 27 KB more per
   * completion at the default window).
   */
  BodyBytes fimBody(FimRequest request, boolean stream) throws IOException {
    int size = request.prompt().length() + request.suffix().length() + 256;
    BodyBytes bytes = new BodyBytes(size + size / 8);
    try (JsonGenerator body = json.get().getFactory().createGenerator(bytes)) {
      body.writeStartObject();
      body.writeStringField("model", request.model());
      body.writeStringField("prompt", request.prompt());
      body.writeStringField("suffix", request.suffix());
      body.writeNumberField("max_tokens", request.maxTokens());
      body.writeNumberField("temperature", request.temperature());
      if (!request.stop().isEmpty()) {
        body.writeArrayFieldStart("stop");
        for (String stop : request.stop()) {
          body.writeString(stop);
        }
        body.writeEndArray();
      }
      body.writeBooleanField("stream", stream);
      body.writeEndObject();
    }
    return bytes;
  }

  /** A body written in place, which OkHttp then sends from the stream's own array. */
  static final class BodyBytes extends ByteArrayOutputStream {
    BodyBytes(int size) {
      super(size);
    }

    /** The body as written; nothing may be written to the stream after. */
    RequestBody toRequestBody(MediaType type) {
      return RequestBody.create(buf, type, 0, count);
    }
  }

  private FimResult read(
      Response response,
      String url,
      ApiKey key,
      FimStreamListener listener,
      CompletableFuture<FimResult> future,
      Call call)
      throws IOException {
    ResponseBody responseBody = response.body();
    if (!response.isSuccessful()) {
      String text = responseBody == null ? "" : responseBody.string();
      throw ErrorBodies.toException(response.code(), text, url, key, response.headers());
    }
    if (responseBody == null) {
      throw new BackendException(
          BackendException.Kind.MALFORMED_RESPONSE,
          response.code(),
          "Codestral's answer was empty");
    }
    MediaType type = responseBody.contentType();
    if (listener == null || type == null || !"event-stream".equalsIgnoreCase(type.subtype())) {
      FimResult whole = Responses.parseFim(json.get(), responseBody.string());
      if (listener != null) {
        listener.onText(whole.text());
      }
      return whole;
    }
    return readStream(responseBody, listener, future, call);
  }

  /**
   * Reads chunks until {@code [DONE]}, the listener decides, or the caller cancels. Stopping early
   * reports finish reason {@code stop}: the answer is whole as far as the editor is concerned.
   */
  private FimResult readStream(
      ResponseBody body, FimStreamListener listener, CompletableFuture<FimResult> future, Call call)
      throws IOException {
    StringBuilder text = new StringBuilder();
    String[] finish = {null};
    String[] model = {""};
    Usage[] usage = {Usage.UNKNOWN};
    ServerSentEvents.End end =
        ServerSentEvents.read(
            body.source(),
            data -> {
              if (future.isDone()) {
                return false; // Cancelled meanwhile: nobody wants the rest.
              }
              JsonNode chunk;
              try {
                chunk = json.get().readTree(data);
              } catch (IOException e) {
                throw new BackendException(
                    BackendException.Kind.MALFORMED_RESPONSE,
                    200,
                    "Codestral sent a stream chunk that was not JSON");
              }
              JsonNode choice = chunk.path("choices").path(0);
              String delta = Responses.content(choice.path("delta").path("content"));
              if (choice.path("finish_reason").isTextual()) {
                finish[0] = choice.path("finish_reason").asText();
              }
              if (chunk.path("model").isTextual()) {
                model[0] = chunk.path("model").asText();
              }
              if (chunk.has("usage")) {
                usage[0] = Responses.usage(chunk.path("usage"));
              }
              if (delta.isEmpty()) {
                return true;
              }
              text.append(delta);
              return !listener.onText(text.toString());
            });
    if (end == ServerSentEvents.End.STOPPED) {
      // Decided: close the connection now rather than read (and pay for) the rest of the answer.
      call.cancel();
    }
    if (end == ServerSentEvents.End.TRUNCATED && finish[0] == null) {
      throw new IOException("the stream ended before [DONE]");
    }
    return new FimResult(
        text.toString(),
        end == ServerSentEvents.End.STOPPED ? "stop" : finish[0],
        usage[0],
        model[0]);
  }
}
