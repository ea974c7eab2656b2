package codestral.lsp.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codestral.lsp.backend.codestral.CodestralChatClient;
import codestral.lsp.backend.codestral.CodestralClient;
import codestral.lsp.backend.ollama.OllamaClient;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three providers over the client {@link HttpClients} builds, against a MockWebServer that
 * breaks connections: what the server saw is counted, so a request is never paid for twice and a
 * dead connection never costs the user a suggestion.
 */
class StaleConnectionRetryTest {
  private static final String KEY = "sk-stale-0123456789";
  private static final FimRequest FIM =
      new FimRequest("codestral-latest", "x = ", "\n", 16, 0.0, List.of("\n"));
  private static final ChatRequest CHAT =
      new ChatRequest("codestral-latest", List.of(new ChatMessage("user", "Hi")), 16, 0.2);

  private final MockWebServer server = new MockWebServer();
  private final ObjectMapper json = new ObjectMapper();
  private final OkHttpClient http = HttpClients.create(Settings.Network.defaults());
  private Settings settings;

  @BeforeEach
  void start() throws IOException {
    server.start();
    settings =
        Settings.fromEnvironment(Map.of("CODESTRAL_API_KEY", KEY))
            .with(b -> b.endpoint(server.url("/").toString()));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
    http.connectionPool().evictAll();
  }

  private CodestralClient fim() {
    return new CodestralClient(() -> http, () -> settings, json);
  }

  private static MockResponse fimAnswer(String text) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"id\":\"1\",\"object\":\"chat.completion\",\"model\":\"codestral-2508\",\"created\":1,"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4},"
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + text
                + "\"},"
                + "\"finish_reason\":\"stop\"}]}");
  }

  private static MockResponse chatStream(String text) {
    return new MockResponse()
        .setHeader("Content-Type", "text/event-stream")
        .setBody(
            "data: {\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                + text
                + "\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},"
                + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
  }

  @Test
  void aConnectionTheServerClosedAfterItsLastAnswerCostsNoRequest() throws Exception {
    // The server closes the connection after answering, as an idle timeout would; the client pooled
    // it.
    server.enqueue(fimAnswer("one").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    server.enqueue(fimAnswer("two"));
    assertThat(fim().complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("one");
    assertThat(fim().complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("two");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFimRequestResetBeforeItsAnswerIsSentAgainExactlyOnce() throws Exception {
    server.enqueue(fimAnswer("lost").setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(fimAnswer("kept"));
    assertThat(fim().complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("kept");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFimRequestResetTwiceFailsAfterOneRetry() {
    server.enqueue(fimAnswer("lost").setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(fimAnswer("lost again").setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(fimAnswer("never asked for"));
    assertThatThrownBy(() -> fim().complete(FIM).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("unexpected end of stream");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFimAnswerCutMidStreamIsNeverPaidForTwice() {
    server.enqueue(
        chatStream("partial answer that goes on and on")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(fimAnswer("never asked for"));
    assertThatThrownBy(() -> fim().complete(FIM, text -> false).get(5, TimeUnit.SECONDS));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aConnectionTheServerSaidToCloseIsNotUsedAgain() throws Exception {
    server.enqueue(fimAnswer("one").setHeader("Connection", "close"));
    server.enqueue(fimAnswer("two"));
    fim().complete(FIM).get(5, TimeUnit.SECONDS);
    fim().complete(FIM).get(5, TimeUnit.SECONDS);
    server.takeRequest();
    assertThat(server.takeRequest().getSequenceNumber())
        .as("requests before it on its connection")
        .isZero();
  }

  @Test
  void aChatResetBeforeItsAnswerIsSentAgainOnceAndAChatCutMidStreamIsNot() throws Exception {
    CodestralChatClient chat = new CodestralChatClient(() -> http, () -> settings, json);
    server.enqueue(chatStream("lost").setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(chatStream("Hello"));
    assertThat(chat.chat(CHAT, delta -> {}).get(5, TimeUnit.SECONDS).content()).isEqualTo("Hello");
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.enqueue(
        chatStream("a long answer cut short")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(chatStream("never asked for"));
    assertThatThrownBy(() -> chat.chat(CHAT, delta -> {}).get(5, TimeUnit.SECONDS));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anOllamaRequestResetBeforeItsAnswerIsSentAgainExactlyOnce() throws Exception {
    String endpoint = server.url("/").toString();
    Settings local =
        settings
            .with(b -> b.provider(Settings.Provider.OLLAMA))
            .with(
                b ->
                    b.ollama(
                        new Settings.Ollama(
                            endpoint.substring(0, endpoint.length() - 1), "codestral:22b")));
    OllamaClient ollama = new OllamaClient(() -> http, () -> local, json);
    MockResponse done =
        new MockResponse()
            .setBody(
                "{\"model\":\"codestral:22b\",\"response\":\"42\",\"done\":false}\n"
                    + "{\"model\":\"codestral:22b\",\"response\":\"\",\"done\":true,\"prompt_eval_count\":3,\"eval_count\":1}\n");
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(done);
    assertThat(ollama.complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("42");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /** What one client saw of its calls: connections it opened, attempts that failed on the wire. */
  private static final class Attempts extends EventListener {
    final AtomicInteger connectionsOpened = new AtomicInteger();
    final AtomicInteger failedAttempts = new AtomicInteger();

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connectionsOpened.incrementAndGet();
    }

    @Override
    public void requestFailed(Call call, IOException e) {
      failedAttempts.incrementAndGet();
    }

    @Override
    public void responseFailed(Call call, IOException e) {
      failedAttempts.incrementAndGet();
    }
  }

  /**
   * A client that shares {@link #http}'s pool and interceptors and reports its calls to {@code
   * attempts}.
   */
  private OkHttpClient watched(Attempts attempts) {
    return http.newBuilder().eventListener(attempts).build();
  }

  @Test
  void aSupersededCallClosesItsConnectionAndTheNextCallNeverMeetsIt() throws Exception {
    // A long streamed answer, one event at a time, so the call is surely still reading when
    // cancelled.
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      events.append(
          "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}\n\n");
    }
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "text/event-stream")
            .setBody(events.toString())
            .throttleBody(64, 20, TimeUnit.MILLISECONDS));
    server.enqueue(fimAnswer("next"));
    CountDownLatch streaming = new CountDownLatch(1);
    CompletableFuture<FimResult> superseded =
        fim()
            .complete(
                FIM,
                text -> {
                  streaming.countDown();
                  return false;
                });
    assertThat(streaming.await(5, TimeUnit.SECONDS)).isTrue();
    superseded.cancel(true); // What $/cancelRequest does when a keystroke supersedes the request.

    Attempts attempts = new Attempts();
    OkHttpClient next = watched(attempts);
    CodestralClient client = new CodestralClient(() -> next, () -> settings, json);
    assertThat(client.complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("next");
    assertThat(attempts.failedAttempts).as("attempts on a dead pooled connection").hasValue(0);
    assertThat(attempts.connectionsOpened).hasValue(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theWarmUpConnectionTheServerClosedCostsTheFirstCompletionNothing() throws Exception {
    // The warm-up's answer, after which the server closes the connection the client pooled.
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setBody("{}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    server.enqueue(fimAnswer("first"));
    fim().warmUp().get(5, TimeUnit.SECONDS);
    assertThat(server.takeRequest().getPath()).isEqualTo("/v1/models");

    assertThat(fim().complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("first");
    assertThat(server.takeRequest().getPath()).isEqualTo("/v1/fim/completions");
    assertThat(server.getRequestCount()).as("the warm-up and one completion").isEqualTo(2);
  }

  @Test
  void theWarmUpConnectionIsTheOneTheFirstCompletionUses() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(401).setBody("{}"));
    server.enqueue(fimAnswer("first"));
    fim().warmUp().get(5, TimeUnit.SECONDS);

    Attempts attempts = new Attempts();
    OkHttpClient next = watched(attempts);
    CodestralClient client = new CodestralClient(() -> next, () -> settings, json);
    assertThat(client.complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("first");
    assertThat(attempts.connectionsOpened).as("connections opened by the completion").hasValue(0);
    assertThat(attempts.failedAttempts).hasValue(0);
    server.takeRequest();
    assertThat(server.takeRequest().getSequenceNumber())
        .as("requests before it on its connection")
        .isEqualTo(1);
  }

  @Test
  void anHttp2ConnectionTheServerSentGoAwayOnIsNotUsedAgain() throws Exception {
    // Cleartext HTTP/2 stands in for what TLS negotiates with the real API.
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    OkHttpClient h2 = http.newBuilder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
    CodestralClient client = new CodestralClient(() -> h2, () -> settings, json);
    server.enqueue(
        fimAnswer("one").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END)); // GOAWAY after it
    server.enqueue(fimAnswer("two"));
    assertThat(client.complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("one");
    assertThat(client.complete(FIM).get(5, TimeUnit.SECONDS).text()).isEqualTo("two");
    server.takeRequest();
    assertThat(server.takeRequest().getSequenceNumber())
        .as("requests before it on its connection")
        .isZero();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void onlyTheWaysADeadConnectionFailsAreRetried() {
    assertThat(
            StaleConnectionRetry.isDeadConnection(
                new IOException("unexpected end of stream on http://x/...", new EOFException())))
        .isTrue();
    assertThat(StaleConnectionRetry.isDeadConnection(new SocketException("Connection reset")))
        .isTrue();
    assertThat(StaleConnectionRetry.isDeadConnection(new SocketException("Broken pipe"))).isTrue();
    assertThat(StaleConnectionRetry.isDeadConnection(new ConnectException("Connection refused")))
        .isFalse();
    assertThat(StaleConnectionRetry.isDeadConnection(new SocketTimeoutException("timeout")))
        .isFalse();
    assertThat(StaleConnectionRetry.isDeadConnection(new IOException("Canceled"))).isFalse();
  }
}
