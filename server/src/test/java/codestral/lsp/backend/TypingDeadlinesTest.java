package codestral.lsp.backend;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.config.Settings;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Deadlines with calls the test holds open and a scheduler it fires by hand: no waiting. */
class TypingDeadlinesTest {
  private static final FimRequest REQUEST =
      new FimRequest("codestral-latest", "x = ", "", 16, 0.0, List.of());
  private static final FimResult ANSWER =
      new FimResult("42", "stop", Usage.UNKNOWN, "codestral-2508");

  private final AtomicReference<Settings> settings =
      new AtomicReference<>(
          Settings.fromEnvironment(Map.of("CODESTRAL_API_KEY", "unit-test-key-1"))
              .with(
                  b -> b.pacing(new Settings.Pacing(150, true, 30, 100_000, 2_000, 8_000, true))));
  private final HandScheduler scheduler = new HandScheduler();
  private final Admission admission = new Admission(settings::get, Ticker.systemTicker());
  private final BackendStatus status = new BackendStatus(settings::get, admission, scheduler);
  private final List<BackendStatus.Report> reports = new CopyOnWriteArrayList<>();
  private final OpenCalls upstream = new OpenCalls();
  private final TypingDeadlines backend =
      new TypingDeadlines(upstream, status, settings::get, scheduler);

  TypingDeadlinesTest() {
    status.setListener(reports::add);
  }

  @Test
  void eachKindGetsItsOwnDeadline() {
    backend.complete(REQUEST, FimStreamListener.NONE, false);
    backend.complete(REQUEST, FimStreamListener.NONE, true);
    assertThat(scheduler.delays)
        .containsExactly(Duration.ofMillis(2_000), Duration.ofMillis(8_000));
  }

  @Test
  void aSilentApiAtTheDeadlineFailsTheRequestCancelsTheCallAndIsToldOnce() {
    CompletableFuture<FimResult> first = backend.complete(REQUEST, FimStreamListener.NONE, false);
    CompletableFuture<FimResult> second = backend.complete(REQUEST, FimStreamListener.NONE, true);
    scheduler.fireAll();

    assertThat(first).isCompletedExceptionally();
    assertThat(second).isCompletedExceptionally();
    assertThat(cause(first)).isInstanceOf(InterruptedIOException.class);
    assertThat(upstream.calls).allMatch(CompletableFuture::isCancelled);
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.OFFLINE);
    assertThat(status.current().message())
        .contains("did not answer in time")
        .contains("codestral.automaticDeadlineMs");
    assertThat(reports.stream().filter(r -> r.state() == BackendStatus.State.OFFLINE)).hasSize(1);
  }

  @Test
  void theNextAnswerAfterAHangIsServedAndClearsTheStatus() {
    backend.complete(REQUEST, FimStreamListener.NONE, false);
    scheduler.fireAll();
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.OFFLINE);

    // Through the fault policy, as the server has it, so a success reaches the status.
    TypingDeadlines wrapped =
        new TypingDeadlines(
            new ResilientFimBackend(
                upstream, status, admission, settings::get, scheduler, () -> 0.5),
            status,
            settings::get,
            scheduler);
    CompletableFuture<FimResult> next = wrapped.complete(REQUEST, FimStreamListener.NONE, false);
    upstream.calls.get(upstream.calls.size() - 1).complete(ANSWER);
    assertThat(next).isCompletedWithValue(ANSWER);
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.READY);
  }

  @Test
  void anAnswerBeforeTheDeadlineIsUntouched() {
    CompletableFuture<FimResult> answer = backend.complete(REQUEST, FimStreamListener.NONE, false);
    upstream.calls.get(0).complete(ANSWER);
    scheduler.fireAll();
    assertThat(answer).isCompletedWithValue(ANSWER);
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.READY);
  }

  @Test
  void aStreamThatWasArrivingIsGivenUpWithoutCallingTheApiHung() {
    List<FimStreamListener> listeners = new ArrayList<>();
    FimBackend streaming =
        new FimBackend() {
          @Override
          public CompletableFuture<FimResult> complete(FimRequest request) {
            throw new AssertionError("streamed calls only");
          }

          @Override
          public CompletableFuture<FimResult> complete(
              FimRequest request, FimStreamListener listener) {
            listeners.add(listener);
            CompletableFuture<FimResult> call = new CompletableFuture<>();
            upstream.calls.add(call);
            return call;
          }
        };
    CompletableFuture<FimResult> answer =
        new TypingDeadlines(streaming, status, settings::get, scheduler)
            .complete(REQUEST, FimStreamListener.NONE, false);
    listeners.get(0).onText("4");
    scheduler.fireAll();
    assertThat(answer).isCompletedExceptionally();
    assertThat(upstream.calls.get(0)).isCancelled();
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.READY);
  }

  @Test
  void cancellingTheRequestCancelsTheCall() {
    CompletableFuture<FimResult> answer = backend.complete(REQUEST, FimStreamListener.NONE, true);
    answer.cancel(true);
    assertThat(upstream.calls.get(0)).isCancelled();
  }

  private static Throwable cause(CompletableFuture<?> future) {
    try {
      future.join();
      throw new AssertionError("completed normally");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  /** Every call stays open until the test completes it. */
  private static final class OpenCalls implements FimBackend {
    final List<CompletableFuture<FimResult>> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<FimResult> complete(FimRequest request) {
      CompletableFuture<FimResult> call = new CompletableFuture<>();
      calls.add(call);
      return call;
    }
  }
}
