package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.junit.jupiter.api.Test;

/**
 * A short typing replay over JSON-RPC in-process, for CI: a quick person types a few hundred
 * characters of one of this repository's own source files while a quick perfect model answers. Only
 * invariants are asserted, never a time: the server's text is the editor's after every edit, no
 * suggestion ever fits another version of the document than the one it was asked for, and the calls
 * stay within the per-minute budget (no 429 from the fake enforcing it).
 */
class TypingReplayProtocolTest {
  private static final String URI = "file:///work/project/RequestBudget.java";
  private static final int BUDGET = 60;

  @Test
  void aShortReplayKeepsEveryEditAnswersNoStaleVersionAndStaysWithinTheBudget() throws Exception {
    String file =
        Files.readString(Path.of("src/main/java/codestral/lsp/completion/RequestBudget.java"))
            .replace("\r\n", "\n");
    // From one method's doc comment to the next one's, whatever the formatter makes of them.
    int start = file.lastIndexOf("  /**", file.indexOf("Counts a call if the budget allows it"));
    int end = file.lastIndexOf("  /**", file.indexOf("The estimate of a call's tokens"));
    assertThat(start).isPositive();
    assertThat(end - start).isBetween(300, 3_000);
    try (FakeCodestral fake = new FakeCodestral();
        InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      TrueContinuation model = new TrueContinuation(fake, 5, 1, BUDGET);
      model.typing(file);
      fake.answerByDefault(model);
      lsp.initialize(
          List.of("utf-16"),
          Map.of("codestral", Map.of("debounceMs", 0, "requestsPerMinute", BUDGET)));
      TypingReplay replay =
          new TypingReplay(lsp, URI, file, start, end, new TypingReplay.Person(21, 0.1), 5);
      lsp.open(URI, "java", replay.openingText());

      TypingReplay.Result result = replay.run();
      // The replay's own calls stay within the budget, so the fake never refused one of them.
      assertThat(model.rateLimited()).isZero();

      assertThat(result.finalText).isEqualTo(file);
      assertThat(result.staleSuggestions).isZero();
      assertThat(result.requests).isPositive();
      assertThat(result.keys + result.acceptedChars).isGreaterThanOrEqualTo(300);
      // The server has every edit: asked at the end of the file, it sends the whole text before it.
      fake.drainRequests();
      String[] lines = file.split("\n", -1);
      lsp.inline(URI, lines.length - 1, 0, InlineCompletionTriggerKind.Invoked);
      // That last, explicit request always goes through, even as the minute's 61st call (a 429).
      assertThat(fake.takeRequest().prompt()).isEqualTo(file);
      assertThat(model.calls()).isLessThanOrEqualTo(BUDGET + 1);
    }
  }
}
