package codestral.lsp.backend.codestral;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

  private final Supplier<OkHttpClient> http;
  private final Supplier<Settings> settings;
  private final ObjectMapper json;

  public CodestralClient(Supplier<OkHttpClient> http, Supplier<Settings> settings, ObjectMapper json) {
    this.http = http;
    this.settings = settings;
    this.json = json;
  }

  /** {@code POST {endpoint}/v1/fim/completions}. */
  @Override
  public CompletableFuture<FimResult> complete(FimRequest request) {
    Settings current = settings.get();
    ApiKey key = current.apiKey();
    if (key == null) {
      return CompletableFuture.failedFuture(
          new BackendException(
              BackendException.Kind.NO_API_KEY,
              0,
              "No API key: set CODESTRAL_API_KEY (or MISTRAL_API_KEY) or the codestral.apiKey setting"));
    }
    String url = current.endpoint() + FIM_PATH;
    byte[] body;
    try {
      body = json.writeValueAsBytes(fimBody(request));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    Request httpRequest =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + key.reveal())
            .header("Accept", "application/json")
            .post(RequestBody.create(body, JSON))
            .build();
    Call call = http.get().newCall(httpRequest);
    CompletableFuture<FimResult> future = new CompletableFuture<>();
    // Cancelling the future (the editor's $/cancelRequest) must stop the network work too.
    future.whenComplete(
        (result, error) -> {
          if (future.isCancelled()) {
            call.cancel();
          }
        });
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call failed, IOException e) {
            future.completeExceptionally(Redaction.scrub(e, key, url));
          }

          @Override
          public void onResponse(Call done, Response response) {
            try (response) {
              future.complete(read(response, url, key));
            } catch (IOException | RuntimeException e) {
              future.completeExceptionally(Redaction.scrub(e, key, url));
            }
          }
        });
    return future;
  }

  /** The request body: the documented fields and no others, since the API rejects unknown ones. */
  ObjectNode fimBody(FimRequest request) {
    ObjectNode node = json.createObjectNode();
    node.put("model", request.model());
    node.put("prompt", request.prompt());
    node.put("suffix", request.suffix());
    node.put("max_tokens", request.maxTokens());
    node.put("temperature", request.temperature());
    if (!request.stop().isEmpty()) {
      ArrayNode stop = node.putArray("stop");
      request.stop().forEach(stop::add);
    }
    node.put("stream", false);
    return node;
  }

  private FimResult read(Response response, String url, ApiKey key) throws IOException {
    ResponseBody responseBody = response.body();
    String text = responseBody == null ? "" : responseBody.string();
    if (!response.isSuccessful()) {
      throw ErrorBodies.toException(response.code(), text, url, key, response.headers());
    }
    return Responses.parseFim(json, text);
  }
}
