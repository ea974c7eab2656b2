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
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.TextPosition;
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

class CompletionServiceTest {
  private static final String URI = "file:///main.py";
  private static final String OTHER = "file:///copy.py";

  /** A backend whose calls stay open until the test answers them. */
  private static final class ScriptedBackend implements FimBackend {
    record Call(
        FimRequest request, FimStreamListener listener, CompletableFuture<FimResult> future) {
      boolean stream(String textSoFar) {
        return listener.onText(textSoFar);
      }

      void answer(String text) {
        future.complete(new FimResult(text, "stop", Usage.UNKNOWN, "codestral-2508"));
      }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<FimResult> complete(FimRequest request) {
      return complete(request, FimStreamListener.NONE);
    }

    @Override
    public CompletableFuture<FimResult> complete(FimRequest request, FimStreamListener listener) {
      Call call = new Call(request, listener, new CompletableFuture<>());
      calls.add(call);
      return call.future;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final ScriptedBackend backend = new ScriptedBackend();
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

  /** Opens the document with the `|` cursor marker removed; the cursor's position. */
  private TextPosition open(String uri, String marked) {
    int cursor = marked.indexOf('|');
    String text = marked.substring(0, cursor) + marked.substring(cursor + 1);
    documents.open(uri, "python", 1, text);
    return documents.get(uri).orElseThrow().positionAt(cursor, documents.encoding());
  }

  /** Types text at a position, as an editor's didChange does; the position after it. */
  private TextPosition type(TextPosition at, String text) {
    documents.change(
        URI,
        ++version,
        List.of(new ContentChange(new codestral.lsp.document.TextRange(at, at), text)));
    service.documentChanged(URI);
    return new TextPosition(at.line(), at.character() + text.length());
  }

  private CompletableFuture<CompletionOutcome> ask(String uri, TextPosition at, Trigger trigger) {
    return service.complete(new CompletionQuery(uri, at, trigger));
  }

  private static List<String> texts(CompletableFuture<CompletionOutcome> answer) {
    assertThat(answer).isDone();
    return answer.join().suggestions().stream().map(s -> s.text()).toList();
  }

  @Test
  void anInvokedRequestCallsAtOnceAndAnswersTheSuggestion() {
    TextPosition at = open(URI, "def add(a, b):\n    return |\n");
    CompletableFuture<CompletionOutcome> answer = ask(URI, at, Trigger.INVOKED);
    assertThat(backend.calls).hasSize(1);
    assertThat(backend.calls.get(0).request().prompt()).isEqualTo("def add(a, b):\n    return ");
    backend.calls.get(0).answer("a + b");
    assertThat(texts(answer)).containsExactly("a + b");
  }

  @Test
  void anAutomaticRequestWaitsForTheDebounceBeforeCalling() {
    TextPosition at = open(URI, "x = |");
    CompletableFuture<CompletionOutcome> answer = ask(URI, at, Trigger.AUTOMATIC);
    clock.advanceMillis(149);
    assertThat(backend.calls).isEmpty();
    clock.advanceMillis(1);
    assertThat(backend.calls).hasSize(1);
    backend.calls.get(0).answer("42");
    assertThat(texts(answer)).containsExactly("42");
  }

  @Test
  void anEditDuringTheDebounceAnswersEmptyAtOnceAndMakesNoCall() {
    TextPosition at = open(URI, "x = |");
    CompletableFuture<CompletionOutcome> answer = ask(URI, at, Trigger.AUTOMATIC);
    type(at, "4");
    assertThat(texts(answer)).isEmpty();
    clock.advanceMillis(1_000);
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void aNewerRequestAnswersTheOlderEmptyAndItsUnusedCallIsCancelled() {
    TextPosition at = open(URI, "x = |");
    CompletableFuture<CompletionOutcome> first = ask(URI, at, Trigger.INVOKED);
    TextPosition after = type(at, "z");
    assertThat(texts(first)).isEmpty();
    CompletableFuture<CompletionOutcome> second = ask(URI, after, Trigger.INVOKED);
    assertThat(backend.calls.get(0).future()).isCancelled();
    assertThat(backend.calls).hasSize(2);
    backend.calls.get(1).answer("ero");
    assertThat(texts(second)).containsExactly("ero");
  }

  @Test
  void aSupersededCallThatNoRequestFollowsIsCancelledAfterTheGrace() {
    TextPosition at = open(URI, "x = |");
    ask(URI, at, Trigger.INVOKED);
    type(at, "z");
    assertThat(backend.calls.get(0).future()).isNotCancelled();
    clock.advanceMillis(CompletionService.SPARE_GRACE_MS);
    assertThat(backend.calls.get(0).future()).isCancelled();
  }

  @Test
  void aSupersededCallThatAnotherRequestSharesGoesOn() {
    TextPosition at = open(URI, "x = |");
    open(OTHER, "x = |");
    ask(URI, at, Trigger.INVOKED);
    CompletableFuture<CompletionOutcome> shared = ask(OTHER, at, Trigger.INVOKED);
    assertThat(backend.calls).hasSize(1);
    TextPosition after = type(at, "z");
    ask(URI, after, Trigger.INVOKED);
    clock.advanceMillis(CompletionService.SPARE_GRACE_MS);
    assertThat(backend.calls.get(0).future()).isNotCancelled();
    backend.calls.get(0).answer("42");
    assertThat(texts(shared)).containsExactly("42");
  }

  @Test
  void cancellingTheRequestCancelsItsCall() {
    TextPosition at = open(URI, "x = |");
    CompletableFuture<CompletionOutcome> answer = ask(URI, at, Trigger.INVOKED);
    answer.cancel(true);
    assertThat(backend.calls.get(0).future()).isCancelled();
  }

  @Test
  void aRepeatedRequestIsAnsweredFromTheCache() {
    TextPosition at = open(URI, "x = |");
    ask(URI, at, Trigger.INVOKED);
    backend.calls.get(0).answer("42");
    assertThat(texts(ask(URI, at, Trigger.INVOKED))).containsExactly("42");
    assertThat(backend.calls).hasSize(1);
  }

  @Test
  void typingTheStartOfAShownSuggestionAnswersTheRestWithoutACall() {
    TextPosition at = open(URI, "def add(a, b):\n    return |\n");
    ask(URI, at, Trigger.INVOKED);
    backend.calls.get(0).answer("a + b");
    TextPosition now = at;
    List<String> rests = new java.util.ArrayList<>();
    for (String key : List.of("a", " ", "+")) {
      now = type(now, key);
      rests.addAll(texts(ask(URI, now, Trigger.AUTOMATIC)));
    }
    assertThat(rests).containsExactly(" + b", "+ b", " b");
    assertThat(backend.calls).hasSize(1);
  }

  @Test
  void typingIntoASuggestionStillStreamingJoinsItsCallInsteadOfMakingAnother() {
    TextPosition at = open(URI, "def add(a, b):\n    return |\n");
    CompletableFuture<CompletionOutcome> first = ask(URI, at, Trigger.INVOKED);
    ScriptedBackend.Call call = backend.calls.get(0);
    assertThat(call.stream("a + ")).isFalse();
    TextPosition now = type(at, "a");
    assertThat(texts(first)).isEmpty();
    CompletableFuture<CompletionOutcome> second = ask(URI, now, Trigger.AUTOMATIC);
    assertThat(call.future()).isNotCancelled();
    call.answer("a + b");
    assertThat(texts(second)).containsExactly(" + b");
    assertThat(backend.calls).hasSize(1);
  }

  @Test
  void aStreamStopsOnceTheLineIsDecided() {
    TextPosition at = open(URI, "print(|, y)\n");
    CompletableFuture<CompletionOutcome> answer = ask(URI, at, Trigger.INVOKED);
    ScriptedBackend.Call call = backend.calls.get(0);
    assertThat(call.request().stop()).contains("\n");
    assertThat(call.stream("a, b")).isFalse();
    assertThat(call.stream("a, b\nprint(c)")).isTrue();
    call.answer("a, b\nprint(c)");
    assertThat(texts(answer)).containsExactly("a, b");
  }

  @Test
  void automaticRequestsBeyondTheBudgetAnswerEmptyWithoutACallButInvokedOnesGoThrough() {
    settings.set(settings.get().with(b -> b.pacing(new Settings.Pacing(0, true, 1, 0))));
    TextPosition at = open(URI, "x = |");
    ask(URI, at, Trigger.AUTOMATIC);
    backend.calls.get(0).answer("1");
    TextPosition now = type(at, "y");
    CompletableFuture<CompletionOutcome> skipped = ask(URI, now, Trigger.AUTOMATIC);
    assertThat(texts(skipped)).isEmpty();
    assertThat(backend.calls).hasSize(1);
    ask(URI, now, Trigger.INVOKED);
    assertThat(backend.calls).hasSize(2);
    clock.advanceMillis(60_000);
    now = type(now, "y");
    ask(URI, now, Trigger.AUTOMATIC);
    assertThat(backend.calls).hasSize(3);
  }

  @Test
  void aFailedCallFailsTheRequestAndIsNotReusedByTheNext() {
    TextPosition at = open(URI, "x = |");
    CompletableFuture<CompletionOutcome> answer = ask(URI, at, Trigger.INVOKED);
    backend.calls.get(0).future().completeExceptionally(new IllegalStateException("503"));
    assertThat(answer).isCompletedExceptionally();
    ask(URI, at, Trigger.INVOKED);
    assertThat(backend.calls).hasSize(2);
  }

  @Test
  void anInlineAndAMenuRequestAtTheSamePlaceLiveTogetherAndShareOneCall() {
    TextPosition at = open(URI, "x = |");
    CompletableFuture<CompletionOutcome> inline = ask(URI, at, Trigger.INVOKED);
    CompletableFuture<CompletionOutcome> menu = ask(URI, at, Trigger.INVOKED);
    assertThat(inline).isNotDone();
    assertThat(backend.calls).hasSize(1);
    backend.calls.get(0).answer("42");
    assertThat(texts(inline)).containsExactly("42");
    assertThat(texts(menu)).containsExactly("42");
  }

  @Test
  void anEditAnswersEveryWaitingRequestOfTheDocumentEmpty() {
    TextPosition at = open(URI, "x = |");
    CompletableFuture<CompletionOutcome> inline = ask(URI, at, Trigger.INVOKED);
    CompletableFuture<CompletionOutcome> menu = ask(URI, at, Trigger.INVOKED);
    type(at, "4");
    assertThat(texts(inline)).isEmpty();
    assertThat(texts(menu)).isEmpty();
  }
}
