package codestral.lsp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.codestral.CodestralClient;
import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code check} against a MockWebServer, through the real {@link CodestralClient}. */
class ConfigurationCheckTest {
  private static final String KEY = "check-test-key-0123456789";
  private static final String OK_BODY =
      "{\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\" a\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":9,"
          + "\"completion_tokens\":1,\"total_tokens\":10}}";

  private final MockWebServer codestral = new MockWebServer();
  private final Map<String, String> environment = new HashMap<>();
  private final StringWriter output = new StringWriter();

  @AfterEach
  void stop() throws IOException {
    codestral.shutdown();
  }

  private Settings settings(String endpoint, String keySource) {
    return Settings.fromEnvironment(Map.of())
        .with(b -> b.endpoint(endpoint))
        .with(b -> b.apiKey(ApiKey.of(KEY, keySource)));
  }

  /** Runs the check straight at the mock (its URL is the endpoint). */
  private boolean check(Settings settings) {
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
    return run(settings, http, Network.system());
  }

  /**
   * Runs the check against a Mistral-looking endpoint with the mock as the HTTP proxy in between,
   * so the endpoint's host name is the real one but nothing leaves the machine.
   */
  private boolean checkThroughProxy(String endpoint, String keySource) {
    Proxy proxy =
        new Proxy(
            Proxy.Type.HTTP, new InetSocketAddress(codestral.getHostName(), codestral.getPort()));
    OkHttpClient http =
        new OkHttpClient.Builder().proxy(proxy).callTimeout(10, TimeUnit.SECONDS).build();
    Network viaProxy =
        new Network() {
          @Override
          public List<Proxy> proxiesFor(URI uri) {
            return List.of(proxy);
          }

          @Override
          public InetAddress[] resolve(String host) throws IOException {
            throw new AssertionError("with a proxy, the endpoint's name is the proxy's to resolve");
          }

          @Override
          public void connect(InetSocketAddress address, int timeoutMillis) throws IOException {
            Network.system().connect(address, timeoutMillis);
          }
        };
    return run(settings(endpoint, keySource), http, viaProxy);
  }

  private boolean run(Settings settings, OkHttpClient http, Network network) {
    FimBackend backend = new CodestralClient(() -> http, () -> settings, new ObjectMapper());
    return new ConfigurationCheck(settings, backend, environment, network)
        .run(new PrintWriter(output, true));
  }

  private String endpoint() {
    String url = codestral.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  private String output() {
    return output.toString();
  }

  @Test
  void aWorkingSetUpPassesWithAOneTokenCompletion() throws Exception {
    codestral.enqueue(
        new MockResponse().setHeader("Content-Type", "application/json").setBody(OK_BODY));

    boolean passed = check(settings(endpoint(), "CODESTRAL_API_KEY"));

    assertThat(passed).isTrue();
    assertThat(output())
        .contains(
            "key        ok",
            "endpoint   ok",
            "completion ok",
            "codestral-2508",
            "All checks passed.");
    RecordedRequest request = codestral.takeRequest();
    assertThat(request.getPath()).isEqualTo("/v1/fim/completions");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getBody().readUtf8()).contains("\"max_tokens\":1");
    assertThat(output()).doesNotContain(KEY);
  }

  @Test
  void noKeyFailsAtTheFirstStepWithoutARequest() {
    boolean passed = check(settings(endpoint(), "CODESTRAL_API_KEY").with(b -> b.apiKey(null)));

    assertThat(passed).isFalse();
    assertThat(output())
        .contains("key        FAIL  no API key is set", "CODESTRAL_API_KEY", "MISTRAL_API_KEY");
    assertThat(codestral.getRequestCount()).isZero();
  }

  @Test
  void a401AtCodestralMistralAiSaysAMistralKeyBelongsToApiMistralAi() throws Exception {
    codestral.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setBody("{\"message\":\"Unauthorized\",\"request_id\":\"x\"}"));

    boolean passed = checkThroughProxy("http://codestral.mistral.ai", "MISTRAL_API_KEY");

    assertThat(passed).isFalse();
    assertThat(output())
        .contains("completion FAIL  HTTP 401 from http://codestral.mistral.ai")
        .contains("codestral.mistral.ai accepts Codestral keys only")
        .contains("set CODESTRAL_ENDPOINT=https://api.mistral.ai")
        .contains("The key comes from MISTRAL_API_KEY")
        .doesNotContain(KEY);
    assertThat(codestral.takeRequest().getRequestLine())
        .isEqualTo("POST http://codestral.mistral.ai/v1/fim/completions HTTP/1.1");
  }

  @Test
  void a401AtApiMistralAiSaysACodestralKeyBelongsToCodestralMistralAi() {
    codestral.enqueue(
        new MockResponse().setResponseCode(401).setBody("{\"detail\":\"Unauthorized\"}"));

    boolean passed = checkThroughProxy("http://api.mistral.ai", "CODESTRAL_API_KEY");

    assertThat(passed).isFalse();
    assertThat(output())
        .contains("api.mistral.ai accepts regular Mistral API keys only")
        .contains("A Codestral key works only with https://codestral.mistral.ai")
        .contains("The key comes from CODESTRAL_API_KEY");
  }

  @Test
  void a401FromAnotherHostBlamesThatHostsKey() {
    codestral.enqueue(new MockResponse().setResponseCode(401));

    boolean passed = check(settings(endpoint(), "setting codestral.apiKey"));

    assertThat(passed).isFalse();
    assertThat(output()).contains("is not a Mistral domain (a proxy or gateway?)");
  }

  @Test
  void a404SaysThereIsNoFimEndpointThere() {
    codestral.enqueue(
        new MockResponse().setResponseCode(404).setBody("{\"detail\":\"Not Found\"}"));

    boolean passed = check(settings(endpoint() + "/mistral", "CODESTRAL_API_KEY"));

    assertThat(passed).isFalse();
    assertThat(output())
        .contains("HTTP 404 from " + endpoint() + "/mistral/v1/fim/completions", "base URL");
  }

  @Test
  void anEndpointWithATrailingV1IsCalledWithoutIt() throws Exception {
    codestral.enqueue(
        new MockResponse().setHeader("Content-Type", "application/json").setBody(OK_BODY));

    assertThat(check(settings(endpoint() + "/v1", "CODESTRAL_API_KEY"))).isTrue();

    // Settings drop the /v1 (config.BaseUrl), so the API is never called at /v1/v1/.
    assertThat(codestral.takeRequest(5, TimeUnit.SECONDS).getPath())
        .isEqualTo("/v1/fim/completions");
    assertThat(output()).doesNotContain("/v1/v1");
  }

  @Test
  void aNonJsonAnswerSaysTheEndpointIsNotTheApi() {
    codestral.enqueue(
        new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>Sign in</html>"));

    boolean passed = check(settings(endpoint(), "CODESTRAL_API_KEY"));

    assertThat(passed).isFalse();
    assertThat(output()).contains("answered HTTP 200, but not with Codestral's JSON", "login page");
  }

  @Test
  void aRefusedConnectionIsNamedWithHostAndPort() throws Exception {
    String endpoint = endpoint();
    int port = codestral.getPort();
    codestral.shutdown();

    boolean passed = check(settings(endpoint, "CODESTRAL_API_KEY"));

    assertThat(passed).isFalse();
    assertThat(output())
        .contains("endpoint   FAIL  connection refused by", ":" + port, "Nothing listens there");
  }

  @Test
  void aRefusedConnectionWithHttpsProxySetSaysJavaIgnoresIt() throws Exception {
    String endpoint = endpoint();
    codestral.shutdown();
    environment.put("HTTPS_PROXY", "http://proxy.example:3128");

    check(settings(endpoint, "CODESTRAL_API_KEY"));

    assertThat(output()).contains("HTTPS_PROXY is set, but Java ignores it", "-Dhttps.proxyHost");
  }

  @Test
  void aNameThatDoesNotResolveIsADnsFailure() {
    Network noDns =
        new Network() {
          @Override
          public List<Proxy> proxiesFor(URI uri) {
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public InetAddress[] resolve(String host) throws IOException {
            throw new UnknownHostException(host + ": Name or service not known");
          }

          @Override
          public void connect(InetSocketAddress address, int timeoutMillis) {
            throw new AssertionError("nothing to connect to");
          }
        };

    boolean passed =
        run(
            settings("https://codestral.mistral.invalid", "CODESTRAL_API_KEY"),
            new OkHttpClient(),
            noDns);

    assertThat(passed).isFalse();
    assertThat(output())
        .contains("endpoint   FAIL  DNS: codestral.mistral.invalid does not resolve");
  }

  @Test
  void anEndpointThatIsNotAUrlFailsBeforeAnyNetwork() {
    boolean passed = check(settings("codestral.mistral.ai", "CODESTRAL_API_KEY"));

    assertThat(passed).isFalse();
    assertThat(output()).contains("is not an http(s) URL");
    assertThat(codestral.getRequestCount()).isZero();
  }

  @Test
  void aRateLimitSaysTheKeyWorks() {
    codestral.enqueue(
        new MockResponse().setResponseCode(429).setBody("{\"message\":\"Rate limit exceeded\"}"));

    boolean passed = check(settings(endpoint(), "CODESTRAL_API_KEY"));

    assertThat(passed).isFalse();
    assertThat(output()).contains("HTTP 429: the key works");
  }

  @Test
  void aTlsFailureExplainsTrustStores() throws Exception {
    // A server that answers a TLS handshake in plain text, as an http-only port does.
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                // Every connection: the check's own probe first, then the client's handshake.
                while (!plain.isClosed()) {
                  try (Socket socket = plain.accept()) {
                    socket
                        .getOutputStream()
                        .write(
                            "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    return; // closed at the end of the test
                  }
                }
              });
      answer.setDaemon(true);
      answer.start();
      String endpoint = "https://127.0.0.1:" + plain.getLocalPort();

      boolean passed = check(settings(endpoint, "CODESTRAL_API_KEY"));

      assertThat(passed).isFalse();
      assertThat(output()).contains("TLS failed with", "-Djavax.net.ssl.trustStore");
    }
  }

  @Test
  void onlyOkHttpsWordsForA407MeanTheProxyWantsCredentials() {
    assertThat(ConfigurationCheck.asksProxyCredentials("Failed to authenticate with proxy"))
        .isTrue();
    assertThat(ConfigurationCheck.asksProxyCredentials("Unexpected response code for CONNECT: 407"))
        .isTrue();
    // A random port once made a TLS failure read as a proxy asking for a password.
    assertThat(
            ConfigurationCheck.asksProxyCredentials(
                "Unsupported or unrecognized SSL message (127.0.0.1:40751)"))
        .isFalse();
  }
}
