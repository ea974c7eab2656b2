package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.junit.jupiter.api.Test;

/**
 * The suggestion after an accepted one, over JSON-RPC in-process: the acceptance command asks for
 * it on the document as it will be, and the editor's next request is answered from it, no second
 * call; an edit of something else drops it. What crossed the wire is asserted, never a time.
 */
class NextSuggestionProtocolTest {
  private static final String URI = "file:///work/project/main.py";

  @Test
  void afterAnAcceptanceTheNextRequestIsAnsweredFromTheSuggestionAskedForAhead() throws Exception {
    try (FakeCodestral fake = new FakeCodestral();
        InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def add(a, b):\n    return \n");
      fake.enqueueCompletion("a + b");
      fake.enqueueCompletion("  # the sum");
      List<InlineCompletionItem> items = lsp.inline(URI, 1, 11).getItems();
      assertThat(items).hasSize(1);
      InlineCompletionItem item = items.get(0);
      assertThat(item.getInsertText().getLeft()).isEqualTo("    return a + b");

      InProcessServer.await(
          lsp.server()
              .getWorkspaceService()
              .executeCommand(
                  new ExecuteCommandParams(
                      item.getCommand().getCommand(), item.getCommand().getArguments())));
      FakeCodestral.Received ahead = fake.takeRequest();
      ahead = fake.takeRequest();
      assertThat(ahead.prompt()).isEqualTo("def add(a, b):\n    return a + b");
      assertThat(ahead.suffix()).isEqualTo("\n");

      lsp.change(URI, InProcessServer.edit(1, 0, 1, 11, "    return a + b"));
      List<InlineCompletionItem> next =
          lsp.inline(URI, 1, 16, InlineCompletionTriggerKind.Automatic).getItems();
      assertThat(next)
          .extracting(i -> i.getInsertText().getLeft())
          .containsExactly("    return a + b  # the sum");
      assertThat(fake.requestCount()).isEqualTo(2);

      JsonObject prefetch =
          InProcessServer.await(lsp.extensions().codestralStats()).getAsJsonObject("prefetch");
      assertThat(prefetch.get("requested").getAsInt()).isEqualTo(1);
      assertThat(prefetch.get("used").getAsInt()).isEqualTo(1);
    }
  }

  @Test
  void aShownSuggestionsFollowerIsDroppedWhenTheUserTypesSomethingElse() throws Exception {
    try (FakeCodestral fake = new FakeCodestral();
        InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "def add(a, b):\n    return \n");
      fake.enqueueCompletion("a + b");
      // The follower streams slowly, so it is still running when the user types.
      fake.enqueueStreamed("  # the sum of both", 500);
      InlineCompletionItem item = lsp.inline(URI, 1, 11).getItems().get(0);
      lsp.extensions().didShowCompletion(Map.of("item", item));
      fake.takeRequest();
      assertThat(fake.takeRequest().prompt()).isEqualTo("def add(a, b):\n    return a + b");

      lsp.change(URI, InProcessServer.edit(1, 11, 1, 11, "x"));
      assertThat(fake.awaitStreamEnd()).isEqualTo(FakeCodestral.StreamEnd.ABORTED);
      // Stats are answered after the edit was applied: messages are read in order.
      JsonObject prefetch =
          InProcessServer.await(lsp.extensions().codestralStats()).getAsJsonObject("prefetch");
      assertThat(prefetch.get("requested").getAsInt()).isEqualTo(1);
      assertThat(prefetch.get("dropped").getAsInt()).isEqualTo(1);
      assertThat(prefetch.get("used").getAsInt()).isZero();
    }
  }
}
