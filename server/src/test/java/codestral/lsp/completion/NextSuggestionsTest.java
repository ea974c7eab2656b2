package codestral.lsp.completion;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.backend.FimStreamListener;
import codestral.lsp.backend.Usage;
import codestral.lsp.cache.CompletionCache;
import codestral.lsp.config.Settings;
import codestral.lsp.document.ContentChange;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.TextPosition;
import codestral.lsp.document.TextRange;
import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.prompt.TokenEstimator;
import codestral.lsp.prompt.WindowBuilder;
import codestral.lsp.prompt.WorkspaceRoots;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The suggestion after an accepted (or shown) one, asked for ahead of the editor; time by hand. */
class NextSuggestionsTest {
  private static final String URI = "file:///main.py";
  private static final String BEFORE = "def add(a, b):\n    return ";
  private static final String AFTER = "\n";

  /** Calls stay open until the test answers them; admission is switched by hand. */
  private static final class OpenBackend implements FimBackend {
    final List<CompletableFuture<FimResult>> calls = new CopyOnWriteArrayList<>();
    final List<FimRequest> requests = new CopyOnWriteArrayList<>();
    volatile boolean admitsAutomatic = true;

    @Override
    public CompletableFuture<FimResult> complete(FimRequest request) {
      return complete(request, FimStreamListener.NONE);
    }

    @Override
    public CompletableFuture<FimResult> complete(FimRequest request, FimStreamListener listener) {
      CompletableFuture<FimResult> call = new CompletableFuture<>();
      requests.add(request);
      calls.add(call);
      return call;
    }

    @Override
    public boolean admits(boolean invoked) {
      return invoked || admitsAutomatic;
    }

    void answer(int call, String text) {
      calls.get(call).complete(new FimResult(text, "stop", Usage.UNKNOWN, "codestral-2508"));
    }
  }

  private final ManualClock clock = new ManualClock();
  private final OpenBackend backend = new OpenBackend();
  private final DocumentStore documents = new DocumentStore();
  private final AtomicReference<Settings> settings =
      new AtomicReference<>(
          new Settings("http://fake", null, "codestral-latest", Settings.Completion.defaults())
              .with(b -> b.pacing(new Settings.Pacing(150, true, 30, 100_000))));
  private final CompletionService service =
      new CompletionService(
          documents,
          settings::get,
          backend,
          new CompletionCache(100_000, Duration.ofMinutes(10), clock),
          new WindowBuilder(documents, new TokenEstimator(), new WorkspaceRoots()),
          new PostProcessor(),
          clock,
          clock);
  private int version = 1;

  /** The document with its suggestion "a + b" made and answered; where it would land. */
  private PlacedSuggestion suggestionShown() {
    documents.open(URI, "python", 1, BEFORE + AFTER);
    TextPosition cursor = new TextPosition(1, 11);
    CompletableFuture<CompletionOutcome> first =
        service.complete(new CompletionQuery(URI, cursor, Trigger.INVOKED));
    backend.answer(0, "a + b");
    assertThat(first.join().suggestions()).extracting(s -> s.text()).containsExactly("a + b");
    DocumentSnapshot snapshot = documents.get(URI).orElseThrow();
    int lineStart = snapshot.lineStart(1);
    return new PlacedSuggestion(URI, snapshot, lineStart, BEFORE.length(), "    return a + b");
  }

  /** Types text at a place of line 1, as an editor's didChange does. */
  private void type(int character, String text) {
    TextPosition at = new TextPosition(1, character);
    documents.change(URI, ++version, List.of(new ContentChange(new TextRange(at, at), text)));
    service.documentChanged(URI);
  }

  @Test
  void acceptingAsksAtOnceForTheNextSuggestionOnTheDocumentAsItWillBe() {
    service.suggestionAccepted(suggestionShown());
    assertThat(backend.requests).hasSize(2);
    assertThat(backend.requests.get(1).prompt()).isEqualTo(BEFORE + "a + b");
    assertThat(backend.requests.get(1).suffix()).isEqualTo(AFTER);
    assertThat(service.prefetchStats()).isEqualTo(new PrefetchStats(1, 0, 0, 0));
  }

  @Test
  void theEditorsNextRequestIsAnsweredFromItWithoutWaitingOrAnotherCall() {
    service.suggestionAccepted(suggestionShown());
    backend.answer(1, "  # the sum");
    type(11, "a + b");
    CompletableFuture<CompletionOutcome> next =
        service.complete(new CompletionQuery(URI, new TextPosition(1, 16), Trigger.AUTOMATIC));
    // No debounce, no call: the answer is there before any time passes.
    assertThat(next).isDone();
    assertThat(next.join().suggestions()).extracting(s -> s.text()).containsExactly("  # the sum");
    assertThat(backend.requests).hasSize(2);
    assertThat(service.prefetchStats().used()).isEqualTo(1);
  }

  @Test
  void aRequestWhileItIsStillComingJoinsItsCall() {
    service.suggestionAccepted(suggestionShown());
    type(11, "a + b");
    CompletableFuture<CompletionOutcome> next =
        service.complete(new CompletionQuery(URI, new TextPosition(1, 16), Trigger.AUTOMATIC));
    clock.advanceMillis(1_000);
    assertThat(backend.requests).hasSize(2);
    backend.answer(1, "  # the sum");
    assertThat(next.join().suggestions()).extracting(s -> s.text()).containsExactly("  # the sum");
  }

  @Test
  void acceptanceReportedAfterTheEditAlsoAsksAhead() {
    PlacedSuggestion shown = suggestionShown();
    type(11, "a + b");
    service.suggestionAccepted(shown);
    assertThat(backend.requests).hasSize(2);
    assertThat(backend.requests.get(1).prompt()).isEqualTo(BEFORE + "a + b");
  }

  @Test
  void typingSomethingElseDropsItAndCancelsItsCall() {
    service.suggestionAccepted(suggestionShown());
    type(11, "x");
    assertThat(backend.calls.get(1)).isCancelled();
    assertThat(service.prefetchStats()).isEqualTo(new PrefetchStats(1, 0, 1, 0));
  }

  @Test
  void typingTheShownSuggestionKeepsIt() {
    service.suggestionShown(suggestionShown());
    type(11, "a");
    type(12, " + b");
    assertThat(backend.calls.get(1)).isNotCancelled();
    assertThat(service.prefetchStats().dropped()).isZero();
  }

  @Test
  void theSameSuggestionReportedAgainIsAskedForOnce() {
    PlacedSuggestion shown = suggestionShown();
    service.suggestionShown(shown);
    service.suggestionShown(shown);
    service.suggestionAccepted(shown);
    assertThat(backend.requests).hasSize(2);
  }

  @Test
  void notWhenTheApiIsPausingAsYouTypeRequests() {
    PlacedSuggestion shown = suggestionShown();
    backend.admitsAutomatic = false;
    service.suggestionAccepted(shown);
    assertThat(backend.requests).hasSize(1);
    assertThat(service.prefetchStats()).isEqualTo(new PrefetchStats(0, 0, 0, 1));
  }

  @Test
  void notWhenTheMinutesBudgetIsNearlySpent() {
    settings.set(settings.get().with(b -> b.pacing(new Settings.Pacing(150, true, 2, 0))));
    PlacedSuggestion shown = suggestionShown();
    // One call of two made: one more would leave nothing for the user's own requests.
    service.suggestionShown(shown);
    service.suggestionAccepted(shown);
    assertThat(backend.requests).hasSize(1);
    assertThat(service.prefetchStats().skipped()).isEqualTo(2);
    clock.advanceMillis(60_000);
    service.suggestionAccepted(shown);
    assertThat(backend.requests).hasSize(2);
  }

  @Test
  void notWhenTurnedOff() {
    settings.set(
        settings
            .get()
            .with(
                b -> b.pacing(new Settings.Pacing(150, true, 30, 100_000, 3_000, 10_000, false))));
    service.suggestionAccepted(suggestionShown());
    assertThat(backend.requests).hasSize(1);
  }
}
