package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.SocketPolicy;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every upstream fault the fake can inject, over JSON-RPC in-process: what the user sees (messages,
 * {@code codestral/status}), what the fake saw (exact request counts: no retry storms) and that the
 * next request works.
 */
class FaultsProtocolTest {
  private static final String URI = "file:///work/project/main.py";
  private static final InlineCompletionTriggerKind AUTOMATIC =
      InlineCompletionTriggerKind.Automatic;
  private static final InlineCompletionTriggerKind INVOKED = InlineCompletionTriggerKind.Invoked;

  /** Short timeouts, so a hung fake costs the test a second or two. */
  private static final Map<String, Object> SHORT_TIMEOUTS =
      Map.of(
          "codestral",
          Map.of("connectTimeoutMs", 2000, "readTimeoutMs", 1500, "requestTimeoutMs", 3000));

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  private InProcessServer started() throws Exception {
    InProcessServer lsp = InProcessServer.startAgainst(fake);
    lsp.initialize(List.of("utf-16"), SHORT_TIMEOUTS);
    lsp.client.awaitStatus("ready", 0);
    lsp.open(URI, "python", "x = ");
    return lsp;
  }

  private static boolean suggests(InProcessServer lsp, InlineCompletionTriggerKind kind) {
    return !lsp.inline(URI, 0, 4, kind).getItems().isEmpty();
  }

  @Test
  void aRequestStillRunningAfterAMomentShowsBusyThenReady() throws Exception {
    try (InProcessServer lsp = started()) {
      int before = lsp.client.statuses.size();
      // Five tokens 100 ms apart: still streaming when the 150 ms before "busy" are over.
      fake.enqueueStreamed("a + b", 100);
      CompletableFuture<Boolean> slow = CompletableFuture.supplyAsync(() -> suggests(lsp, INVOKED));

      int busy = lsp.client.awaitStatus("busy", before);
      lsp.client.awaitStatus("ready", busy);
      assertThat(slow.get(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aRefusedKeyIsToldOnceNamingTheEndpointAndIsNeverRetried() throws Exception {
    try (InProcessServer lsp =
        InProcessServer.start(
            Map.of(
                "CODESTRAL_API_KEY",
                "wrong-key-for-this-endpoint",
                "CODESTRAL_ENDPOINT",
                fake.endpoint()))) {
      lsp.initialize();
      lsp.client.awaitStatus("ready", 0);
      lsp.open(URI, "python", "x = ");
      for (int i = 0; i < 3; i++) {
        assertThat(suggests(lsp, INVOKED)).isFalse();
      }
      // Automatic requests stop trying a key that was refused.
      for (int i = 0; i < 5; i++) {
        assertThat(suggests(lsp, AUTOMATIC)).isFalse();
      }
      assertThat(fake.requestCount()).isEqualTo(3);
      lsp.client.awaitStatus("unauthorized", 0);
      List<MessageParams> shown = lsp.client.awaitShownMessages(1);
      assertThat(shown).hasSize(1);
      assertThat(shown.get(0).getType()).isEqualTo(MessageType.Error);
      assertThat(shown.get(0).getMessage())
          .contains(fake.endpoint() + "/v1/fim/completions")
          .contains("Codestral keys work only with https://codestral.mistral.ai")
          .contains("CODESTRAL_API_KEY");

      lsp.server()
          .getWorkspaceService()
          .didChangeConfiguration(
              new DidChangeConfigurationParams(
                  Map.of("codestral", Map.of("apiKey", FakeCodestral.KEY))));
      int before = lsp.client.statuses.size();
      assertThat(suggests(lsp, AUTOMATIC)).isTrue();
      lsp.client.awaitStatus("ready", before);
      assertThat(fake.requestCount()).isEqualTo(4);
      assertThat(lsp.client.shownMessages).hasSize(1);
    }
  }

  @Test
  void a422IsLoggedAsOurBugWithTheFieldAndNotShown() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueError(422, FakeCodestral.extraForbiddenBody("surprise_field"));
      assertThat(suggests(lsp, INVOKED)).isFalse();
      assertThat(suggests(lsp, INVOKED)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(2);
      assertThat(lsp.log()).containsPattern("SEVERE .*a bug in codestral-lsp.*surprise_field");
      assertThat(lsp.client.shownMessages).isEmpty();
    }
  }

  @Test
  void a429WithRetryAfterHoldsEveryRequestUntilThenAndSaysSo() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueError(
          429,
          "{\"object\":\"error\",\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\",\"code\":\"1300\"}",
          "Retry-After",
          "6");
      assertThat(suggests(lsp, AUTOMATIC)).isFalse();
      int limited = lsp.client.awaitStatus("rate-limited", 0);
      assertThat(lsp.client.statuses.get(limited).message).contains("paused for 6 s");
      // Held without a call, automatic and (since the API named a time) explicit alike.
      assertThat(suggests(lsp, AUTOMATIC)).isFalse();
      assertThat(suggests(lsp, INVOKED)).isFalse();
      assertThat(fake.requestCount()).isEqualTo(1);
      assertThat(lsp.client.awaitShownMessages(1).get(0).getMessage()).contains("rate limited");

      lsp.client.awaitStatus("ready", limited);
      assertThat(suggests(lsp, AUTOMATIC)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(2);
      assertThat(lsp.client.shownMessages).hasSize(1);
    }
  }

  @Test
  void a429WithoutHeadersLetsExplicitRequestsThrough() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueError(429, "{\"message\":\"Rate limit exceeded\"}");
      assertThat(suggests(lsp, AUTOMATIC)).isFalse();
      int limited = lsp.client.awaitStatus("rate-limited", 0);
      assertThat(lsp.client.statuses.get(limited).message)
          .contains("explicit requests still go through");
      assertThat(suggests(lsp, INVOKED)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(2);
      lsp.client.awaitStatus("ready", limited);
    }
  }

  @Test
  void serverErrorsAreRetriedTwiceForExplicitRequestsOnlyThenReportedOffline() throws Exception {
    try (InProcessServer lsp = started()) {
      for (int i = 0; i < 3; i++) {
        fake.enqueueError(503, "{\"message\":\"upstream unavailable\"}");
      }
      assertThat(suggests(lsp, INVOKED)).isFalse();
      assertThat(fake.requestCount()).isEqualTo(3);
      int offline = lsp.client.awaitStatus("offline", 0);
      assertThat(lsp.client.statuses.get(offline).message).contains("503");

      fake.enqueueError(502, "");
      assertThat(suggests(lsp, AUTOMATIC)).isFalse();
      assertThat(fake.requestCount()).isEqualTo(4);

      assertThat(suggests(lsp, AUTOMATIC)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(5);
      lsp.client.awaitStatus("ready", offline);
      assertThat(lsp.client.shownMessages).hasSize(1);
    }
  }

  @Test
  void aTransientServerErrorIsRetriedAndTheUserSeesTheSuggestion() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueError(500, "");
      assertThat(suggests(lsp, INVOKED)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(2);
      assertThat(lsp.client.shownMessages).isEmpty();
    }
  }

  @Test
  void aHungApiNeverHoldsARequestPastItsDeadlineAndIsNotRetried() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueSocketPolicy(SocketPolicy.NO_RESPONSE);
      assertThat(suggests(lsp, INVOKED)).isFalse();
      int offline = lsp.client.awaitStatus("offline", 0);
      assertThat(lsp.client.statuses.get(offline).message).contains("did not answer in time");
      assertThat(fake.requestCount()).isEqualTo(1);
      assertThat(lsp.client.awaitShownMessages(1).get(0).getMessage())
          .contains("did not answer in time");

      assertThat(suggests(lsp, INVOKED)).isTrue();
      lsp.client.awaitStatus("ready", offline);
      assertThat(fake.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void aConnectionResetTwiceIsRetriedByTheFaultPolicyForAnExplicitRequest() throws Exception {
    try (InProcessServer lsp = started()) {
      // The first reset is mended by sending the request again on a new connection (one retry,
      // IdleConnectionsProtocolTest); the second is the fault policy's, which retries explicit
      // requests.
      fake.enqueueSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      fake.enqueueSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      assertThat(suggests(lsp, INVOKED)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(3);
    }
  }

  @Test
  void aTruncatedAnswerGivesNothingAndTheNextRequestWorks() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
      assertThat(suggests(lsp, AUTOMATIC)).isFalse();
      assertThat(suggests(lsp, AUTOMATIC)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void anAnswerThatIsNotJsonIsLoggedAndNotShown() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueNotJson("<html><body>502 Bad Gateway</body></html>");
      assertThat(suggests(lsp, INVOKED)).isFalse();
      assertThat(suggests(lsp, INVOKED)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(2);
      assertThat(lsp.log()).contains("was not JSON");
      assertThat(lsp.client.shownMessages).isEmpty();
    }
  }

  @Test
  void plainHttpOffThisMachineIsRefusedByNameUntilTheUserOptsIn() throws Exception {
    try (InProcessServer lsp =
        InProcessServer.start(
            Map.of(
                "CODESTRAL_API_KEY",
                FakeCodestral.KEY,
                "CODESTRAL_ENDPOINT",
                "http://192.0.2.1:9"))) {
      lsp.initialize();
      int offline = lsp.client.awaitStatus("offline", 0);
      assertThat(lsp.client.statuses.get(offline).message)
          .contains("codestral.allowInsecureHttp")
          .contains("192.0.2.1");
      lsp.open(URI, "python", "x = ");
      assertThat(suggests(lsp, INVOKED)).isFalse();
      assertThat(lsp.client.awaitShownMessages(1)).hasSize(1);

      // Opting in lifts the refusal (the fake is on loopback, so point there to prove a call is
      // made).
      lsp.server()
          .getWorkspaceService()
          .didChangeConfiguration(
              new DidChangeConfigurationParams(
                  Map.of(
                      "codestral",
                      Map.of("allowInsecureHttp", true, "endpoint", fake.endpoint()))));
      assertThat(suggests(lsp, INVOKED)).isTrue();
      lsp.client.awaitStatus("ready", offline);
      assertThat(fake.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void disablingCompletionsSaysDisabledAndMakesNoCall() throws Exception {
    try (InProcessServer lsp = started()) {
      lsp.server()
          .getWorkspaceService()
          .didChangeConfiguration(
              new DidChangeConfigurationParams(Map.of("codestral", Map.of("enable", false))));
      lsp.client.awaitStatus("disabled", 0);
      assertThat(suggests(lsp, INVOKED)).isFalse();
      assertThat(fake.requestCount()).isZero();
      assertThat(lsp.client.shownMessages).isEmpty();
    }
  }

  @Test
  void theKeyComesFromApiKeyCommand() throws Exception {
    try (InProcessServer lsp =
        InProcessServer.start(Map.of("CODESTRAL_ENDPOINT", fake.endpoint()))) {
      lsp.initialize(
          List.of("utf-16"),
          Map.of(
              "codestral",
              Map.of(
                  "apiKeyCommand",
                  List.of("/bin/sh", "-c", "printf '%s\\n' " + FakeCodestral.KEY))));
      lsp.client.awaitStatus("ready", 0);
      lsp.open(URI, "python", "x = ");
      assertThat(suggests(lsp, INVOKED)).isTrue();
      assertThat(fake.takeRequest().authorization()).isEqualTo("Bearer " + FakeCodestral.KEY);
      // No "no key" message ever: the first status waited for the command.
      assertThat(lsp.client.shownMessages).isEmpty();
    }
  }

  @Test
  void requestsAfterShutdownGetInvalidRequestAndExitStillEndsWithZero() throws Exception {
    try (InProcessServer lsp = started()) {
      InProcessServer.await(lsp.server().shutdown());
      assertThatThrownBy(
              () ->
                  lsp.server()
                      .getTextDocumentService()
                      .inlineCompletion(
                          new org.eclipse.lsp4j.InlineCompletionParams(
                              new org.eclipse.lsp4j.TextDocumentIdentifier(URI),
                              new org.eclipse.lsp4j.Position(0, 4),
                              new org.eclipse.lsp4j.InlineCompletionContext(INVOKED)))
                      .get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ResponseErrorException.class)
          .satisfies(
              e ->
                  assertThat(((ResponseErrorException) e.getCause()).getResponseError().getCode())
                      .isEqualTo(ResponseErrorCode.InvalidRequest.getValue()));
      assertThat(fake.requestCount()).isZero();
      lsp.server().exit();
      assertThat(lsp.waitForExit()).isZero();
    }
  }

  @Test
  void theServerExitsWhenTheEditorProcessDies() throws Exception {
    Process editor = new ProcessBuilder("sleep", "300").start();
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      InitializeParams params = new InitializeParams();
      params.setProcessId((int) editor.pid());
      params.setCapabilities(new org.eclipse.lsp4j.ClientCapabilities());
      lsp.initialize(params);
      // The server is alive and serving before the editor goes away.
      lsp.inline("file:///never/opened.py", 0, 0);
      assertThat(lsp.isAlive()).isTrue();
      editor.destroy();
      assertThat(lsp.waitForExit()).isEqualTo(1);
      assertThat(lsp.log()).contains("The editor (process " + editor.pid() + ") has exited");
    } finally {
      editor.destroyForcibly();
    }
  }

  @Test
  void badEditorInputGetsAnEmptyAnswerOrAClearErrorAndTheDocumentStaysIntact() throws Exception {
    try (InProcessServer lsp = started()) {
      // A document that was never opened: empty, and no call.
      assertThat(lsp.inline("file:///never/opened.py", 0, 0).getItems()).isEmpty();
      assertThat(fake.requestCount()).isZero();
      // A stale version (1 is already applied) changes nothing.
      lsp.server()
          .getTextDocumentService()
          .didChange(
              new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                  new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(URI, 1),
                  List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent("STALE"))));
      // A range that does not exist is clamped to the document's end.
      lsp.change(URI, InProcessServer.edit(7, 99, 42, 3, "y"));
      // A request without a position: InvalidParams, not an internal error.
      org.eclipse.lsp4j.InlineCompletionParams noPosition =
          new org.eclipse.lsp4j.InlineCompletionParams();
      noPosition.setTextDocument(new org.eclipse.lsp4j.TextDocumentIdentifier(URI));
      noPosition.setContext(new org.eclipse.lsp4j.InlineCompletionContext(INVOKED));
      assertThatThrownBy(
              () ->
                  lsp.server()
                      .getTextDocumentService()
                      .inlineCompletion(noPosition)
                      .get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ResponseErrorException.class)
          .satisfies(
              e ->
                  assertThat(((ResponseErrorException) e.getCause()).getResponseError().getCode())
                      .isEqualTo(ResponseErrorCode.InvalidParams.getValue()));
      // A position far past the end means the end.
      assertThat(lsp.inline(URI, 1_000_000, 1_000_000).getItems()).isNotEmpty();
      FakeCodestral.Received request = fake.takeRequest();
      assertThat(request.prompt()).isEqualTo("x = y");
      assertThat(request.suffix()).isEmpty();
      assertThat(lsp.log()).contains("Ignoring didChange version 1").contains("not open");
      assertThat(lsp.client.shownMessages).isEmpty();
    }
  }
}
