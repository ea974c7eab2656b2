package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.mockwebserver.SocketPolicy;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pause to think must not lose the next suggestion: over JSON-RPC in-process, against a fake that
 * closes idle keep-alive connections as Node (5 s) and many proxies (sooner) do. Requests are as
 * the editor sends them while typing (Automatic), which the fault policy never retries, so a
 * request lost to a dead pooled connection would show as a missing suggestion.
 *
 * <p>A "pause longer than the idle time" is waited for as the state it leaves, not by the clock:
 * the fake has closed every connection it had, so whatever the client still pools is dead.
 */
class IdleConnectionsProtocolTest {
  private static final InlineCompletionTriggerKind AUTOMATIC =
      InlineCompletionTriggerKind.Automatic;
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(20);

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  private InProcessServer started() throws Exception {
    InProcessServer lsp = InProcessServer.startAgainst(fake);
    lsp.initialize(
        List.of("utf-16"), Map.of("codestral", Map.of("debounceMs", 0, "adaptiveDebounce", false)));
    lsp.client.awaitStatus("ready", 0);
    return lsp;
  }

  /**
   * A new document each round, so that neither the cache nor typed-ahead answers without a call.
   */
  private static boolean suggestsInANewFile(InProcessServer lsp, int round) {
    String uri = "file:///work/project/round" + round + ".py";
    String text = "value_" + round + " = ";
    lsp.open(uri, "python", text);
    return !lsp.inline(uri, 0, text.length(), AUTOMATIC).getItems().isEmpty();
  }

  @Test
  void requestsAfterPausesLongerThanAOneSecondIdleCloseAllAnswer() throws Exception {
    fake.closeIdleConnectionsAfter(Duration.ofSeconds(1));
    try (InProcessServer lsp = started()) {
      for (int round = 0; round < 4; round++) {
        assertThat(fake.awaitNoOpenConnection(LONGEST_PAUSE)).isTrue();
        assertThat(suggestsInANewFile(lsp, round)).as("round %d", round).isTrue();
      }
      assertThat(fake.requestCount()).isEqualTo(4);
      assertThat(lsp.client.shownMessages).isEmpty();
    }
  }

  @Test
  void requestsAfterPausesLongerThanNodesFiveSecondIdleCloseAllAnswer() throws Exception {
    fake.closeIdleConnectionsAfter(Duration.ofSeconds(5));
    try (InProcessServer lsp = started()) {
      for (int round = 0; round < 3; round++) {
        assertThat(fake.awaitNoOpenConnection(LONGEST_PAUSE)).isTrue();
        assertThat(suggestsInANewFile(lsp, round)).as("round %d", round).isTrue();
      }
      assertThat(fake.requestCount()).isEqualTo(3);
    }
  }

  @Test
  void requestsAtRandomMomentsAgainstRandomIdleClosesAllAnswer() throws Exception {
    long seed = 24;
    fake.closeIdleConnectionsAtRandom(Duration.ofMillis(100), Duration.ofMillis(1500), seed);
    Random pauses = new Random(seed);
    try (InProcessServer lsp = started()) {
      int rounds = 12;
      for (int round = 0; round < rounds; round++) {
        // Sometimes right after the fake closed, sometimes while it is about to: either way no
        // loss.
        fake.awaitNoOpenConnection(Duration.ofMillis(pauses.nextInt(1500)));
        assertThat(suggestsInANewFile(lsp, round)).as("round %d", round).isTrue();
      }
      assertThat(fake.requestCount()).isEqualTo(rounds);
    }
  }

  @Test
  void chatQuestionsAfterPausesLongerThanAOneSecondIdleCloseAllAnswer() throws Exception {
    fake.closeIdleConnectionsAfter(Duration.ofSeconds(1));
    try (InProcessServer lsp = started()) {
      for (int round = 0; round < 3; round++) {
        assertThat(fake.awaitNoOpenConnection(LONGEST_PAUSE)).isTrue();
        fake.enqueueChatStream(List.of("Answer ", String.valueOf(round)));
        com.google.gson.JsonObject answer =
            (com.google.gson.JsonObject)
                InProcessServer.await(
                    lsp.request(
                        "codestral/chat",
                        Map.of(
                            "messages",
                            List.of(Map.of("role", "user", "content", "Question " + round)))));
        assertThat(answer.get("content").getAsString())
            .as("round %d", round)
            .isEqualTo("Answer " + round);
      }
      assertThat(fake.requestCount()).as("one call per question").isEqualTo(3);
    }
  }

  @Test
  void aResetRightAfterTheRequestIsSentAgainExactlyOnceThenTheFaultPolicyDecides()
      throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      fake.enqueueSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      assertThat(suggestsInANewFile(lsp, 0)).isFalse();
      assertThat(fake.requestCount()).isEqualTo(2);
      int offline = lsp.client.awaitStatus("offline", 0);

      assertThat(suggestsInANewFile(lsp, 1)).isTrue();
      lsp.client.awaitStatus("ready", offline);
      assertThat(fake.requestCount()).isEqualTo(3);
    }
  }

  @Test
  void oneResetIsMendedByTheRetryAndTheUserSeesTheSuggestion() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      assertThat(suggestsInANewFile(lsp, 0)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void aConnectionClosedMidStreamIsNeverSentAgain() throws Exception {
    try (InProcessServer lsp = started()) {
      fake.enqueueSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
      assertThat(suggestsInANewFile(lsp, 0)).isFalse();
      assertThat(fake.requestCount()).isEqualTo(1);
      assertThat(suggestsInANewFile(lsp, 1)).isTrue();
      assertThat(fake.requestCount()).isEqualTo(2);
    }
  }
}
