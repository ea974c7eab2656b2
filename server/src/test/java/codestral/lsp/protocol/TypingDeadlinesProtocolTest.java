package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.SocketPolicy;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.junit.jupiter.api.Test;

/**
 * A hung API over JSON-RPC in-process: the fake holds the connection open and never answers, the
 * HTTP timeouts are far longer than the test may take, so only the typing deadlines can end the
 * requests. Short deadlines are set through the settings so the test is quick; nothing is timed.
 */
class TypingDeadlinesProtocolTest {
  private static final String URI = "file:///work/project/main.py";
  private static final Map<String, Object> SHORT_DEADLINES =
      Map.of(
          "codestral",
          Map.of(
              "automaticDeadlineMs", 300,
              "invokedDeadlineMs", 600,
              "readTimeoutMs", 120_000,
              "requestTimeoutMs", 120_000));

  @Test
  void aHungApiAnswersEmptyAtTheDeadlinesIsToldOnceAndTheNextRequestIsServed() throws Exception {
    try (FakeCodestral fake = new FakeCodestral();
        InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize(List.of("utf-16"), SHORT_DEADLINES);
      lsp.client.awaitStatus("ready", 0);
      lsp.open(URI, "python", "x = ");

      fake.enqueueSocketPolicy(SocketPolicy.NO_RESPONSE);
      assertThat(lsp.inline(URI, 0, 4, InlineCompletionTriggerKind.Automatic).getItems()).isEmpty();
      int offline = lsp.client.awaitStatus("offline", 0);
      assertThat(lsp.client.statuses.get(offline).message)
          .contains("did not answer in time")
          .contains("codestral.automaticDeadlineMs");

      fake.enqueueSocketPolicy(SocketPolicy.NO_RESPONSE);
      assertThat(lsp.inline(URI, 0, 4, InlineCompletionTriggerKind.Invoked).getItems()).isEmpty();
      assertThat(fake.requestCount()).isEqualTo(2);

      // The API is back: the next request is served, and the status says so.
      assertThat(lsp.inline(URI, 0, 4, InlineCompletionTriggerKind.Invoked).getItems())
          .isNotEmpty();
      lsp.client.awaitStatus("ready", offline);
      assertThat(lsp.client.statuses.stream().filter(status -> "offline".equals(status.state)))
          .hasSize(1);
      assertThat(lsp.client.awaitShownMessages(1)).hasSize(1);
    }
  }

  @Test
  void theDeadlineHangsUpOnTheApi() throws Exception {
    try (StallingUpstream upstream = new StallingUpstream("text/event-stream", "");
        InProcessServer lsp =
            InProcessServer.start(
                Map.of(
                    "CODESTRAL_API_KEY",
                    FakeCodestral.KEY,
                    "CODESTRAL_ENDPOINT",
                    upstream.endpoint()))) {
      lsp.initialize(List.of("utf-16"), SHORT_DEADLINES);
      lsp.open(URI, "python", "x = ");
      assertThat(lsp.inline(URI, 0, 4, InlineCompletionTriggerKind.Automatic).getItems()).isEmpty();
      assertThat(upstream.requestLine()).startsWith("POST /v1/fim/completions");
      assertThat(upstream.awaitClientGone()).isTrue();
    }
  }
}
