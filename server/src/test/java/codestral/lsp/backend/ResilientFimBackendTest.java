package codestral.lsp.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The fault policy with a scripted backend, a hand-moved clock and a scheduler the test drives. */
class ResilientFimBackendTest {
  private static final FimRequest REQUEST =
      new FimRequest("codestral-latest", "x = ", "", 16, 0.0, List.of());
  private static final FimResult ANSWER =
      new FimResult("42", "stop", Usage.UNKNOWN, "codestral-2508");

  private final ManualClock clock = new ManualClock();
  private final HandScheduler scheduler = new HandScheduler();
  private final ScriptedBackend upstream = new ScriptedBackend();
  private final AtomicReference<Settings> settings =
      new AtomicReference<>(
          Settings.fromEnvironment(
              Map.of(
                  "CODESTRAL_API_KEY",
                  "unit-test-key-1",
                  "CODESTRAL_ENDPOINT",
                  "https://api.example")));
  private final Supplier<Settings> current = settings::get;
  private final Admission admission = new Admission(current, clock);
  private final BackendStatus status = new BackendStatus(current, admission, scheduler);
  private final List<BackendStatus.Report> reports = new CopyOnWriteArrayList<>();
  private final ResilientFimBackend backend =
      new ResilientFimBackend(upstream, status, admission, current, scheduler, () -> 0.5);

  ResilientFimBackendTest() {
    status.setListener(reports::add);
  }

  @Test
  void unauthorizedIsNotRetriedAndHoldsAutomaticRequestsUntilTheKeyChanges() {
    upstream.fail(
        new BackendException(
            BackendException.Kind.UNAUTHORIZED, 401, "key refused at https://api.example"));
    assertThatThrownBy(() -> backend.complete(REQUEST, true).get())
        .hasCauseInstanceOf(BackendException.class);
    assertThat(upstream.calls).isEqualTo(1);
    assertThat(scheduler.delays).isEmpty();
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.UNAUTHORIZED);
    assertThat(backend.admits(false)).isFalse();
    assertThat(backend.admits(true)).isTrue();

    settings.set(settings.get().with(b -> b.apiKey(ApiKey.of("unit-test-key-2", "test"))));
    status.refresh();
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.READY);
    assertThat(backend.admits(false)).isTrue();
  }

  @Test
  void aStatedRetryAfterHoldsEveryRequestUntilItPassesAndThenSaysReady() throws Exception {
    upstream.fail(
        new BackendException(
            BackendException.Kind.RATE_LIMITED, 429, "slow down", Duration.ofSeconds(30)));
    assertThatThrownBy(() -> backend.complete(REQUEST, false).get())
        .hasCauseInstanceOf(BackendException.class);
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.RATE_LIMITED);
    assertThat(backend.admits(false)).isFalse();
    assertThat(backend.admits(true)).isFalse();
    assertThat(scheduler.delays).containsExactly(Duration.ofMillis(30_001));

    clock.advance(Duration.ofSeconds(31));
    scheduler.fireAll();
    assertThat(backend.admits(false)).isTrue();
    assertThat(reports.get(reports.size() - 1).state()).isEqualTo(BackendStatus.State.READY);
    upstream.answer(ANSWER);
    assertThat(backend.complete(REQUEST, false).get()).isEqualTo(ANSWER);
    assertThat(upstream.calls).isEqualTo(2);
  }

  @Test
  void withoutAStatedWaitAutomaticRequestsBackOffExponentiallyAndInvokedOnesGoThrough()
      throws Exception {
    for (int i = 0; i < 3; i++) {
      upstream.fail(new BackendException(BackendException.Kind.RATE_LIMITED, 429, "slow down"));
      assertThatThrownBy(() -> backend.complete(REQUEST, true).get())
          .hasCauseInstanceOf(BackendException.class);
      assertThat(backend.admits(false)).isFalse();
      assertThat(backend.admits(true)).isTrue();
    }
    assertThat(scheduler.delays)
        .containsExactly(
            Duration.ofMillis(1_001), Duration.ofMillis(2_001), Duration.ofMillis(4_001));
    assertThat(admission.coolDownLeft()).isEqualTo(Duration.ofSeconds(4));
    upstream.answer(ANSWER);
    assertThat(backend.complete(REQUEST, true).get()).isEqualTo(ANSWER);
    assertThat(backend.admits(false)).isTrue();
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.READY);
  }

  @Test
  void serverErrorsAreRetriedTwiceWithJitterForInvokedRequestsThenReportedOffline() {
    for (int i = 0; i < 3; i++) {
      upstream.fail(
          new BackendException(BackendException.Kind.SERVER_ERROR, 503, "Codestral answered 503"));
    }
    CompletableFuture<FimResult> result = backend.complete(REQUEST, true);
    assertThat(upstream.calls).isEqualTo(1);
    scheduler.fireAll();
    assertThat(upstream.calls).isEqualTo(2);
    scheduler.fireAll();
    assertThat(upstream.calls).isEqualTo(3);
    assertThat(result).isCompletedExceptionally();
    assertThat(scheduler.delays).containsExactly(Duration.ofMillis(187), Duration.ofMillis(375));
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.OFFLINE);
  }

  @Test
  void serverErrorsAreNotRetriedForAutomaticRequests() {
    upstream.fail(
        new BackendException(BackendException.Kind.SERVER_ERROR, 502, "Codestral answered 502"));
    assertThat(backend.complete(REQUEST, false)).isCompletedExceptionally();
    assertThat(upstream.calls).isEqualTo(1);
    assertThat(scheduler.delays).isEmpty();
    // One transient error is not an outage.
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.READY);
  }

  @Test
  void aResetConnectionIsRetriedAndTheRetryCanSucceed() throws Exception {
    upstream.fail(
        new IOException("IOException calling https://api.example: unexpected end of stream"));
    upstream.answer(ANSWER);
    CompletableFuture<FimResult> result = backend.complete(REQUEST, true);
    scheduler.fireAll();
    assertThat(result.get()).isEqualTo(ANSWER);
    assertThat(upstream.calls).isEqualTo(2);
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.READY);
  }

  @Test
  void aTimeoutIsNotRetriedAndReportsOfflineUntilASuccess() throws Exception {
    upstream.fail(new SocketTimeoutException("timeout"));
    assertThat(backend.complete(REQUEST, true)).isCompletedExceptionally();
    assertThat(upstream.calls).isEqualTo(1);
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.OFFLINE);
    assertThat(status.current().message()).contains("did not answer in time");
    upstream.answer(ANSWER);
    assertThat(backend.complete(REQUEST, false).get()).isEqualTo(ANSWER);
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.READY);
  }

  @Test
  void cancellingDuringTheWaitStopsFurtherAttempts() {
    upstream.fail(new ConnectException("refused"));
    CompletableFuture<FimResult> result = backend.complete(REQUEST, true);
    result.cancel(true);
    scheduler.fireAll();
    assertThat(upstream.calls).isEqualTo(1);
  }

  @Test
  void cancellingCancelsTheCallInFlight() {
    CompletableFuture<FimResult> pending = new CompletableFuture<>();
    upstream.script.add(pending);
    backend.complete(REQUEST, true).cancel(true);
    assertThat(pending).isCancelled();
  }

  @Test
  void aPlainHttpEndpointOffThisMachineIsRefusedWithoutACall() {
    settings.set(settings.get().with(b -> b.endpoint("http://proxy.example:8080")));
    CompletableFuture<FimResult> result = backend.complete(REQUEST, true);
    assertThatThrownBy(result::get)
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("codestral.allowInsecureHttp");
    assertThat(upstream.calls).isZero();
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.OFFLINE);

    settings.set(
        settings.get().with(b -> b.network(new Settings.Network(10_000, 30_000, 60_000, true))));
    upstream.answer(ANSWER);
    assertThat(backend.complete(REQUEST, true)).isCompletedWithValue(ANSWER);
  }

  @Test
  void loopbackHttpIsAllowed() {
    settings.set(settings.get().with(b -> b.endpoint("http://127.0.0.1:9")));
    upstream.answer(ANSWER);
    assertThat(backend.complete(REQUEST, true)).isCompletedWithValue(ANSWER);
  }

  @Test
  void theListenerHearsOfChangesOnlyNotOfEveryRequest() {
    for (int i = 0; i < 5; i++) {
      upstream.fail(new BackendException(BackendException.Kind.UNAUTHORIZED, 401, "refused"));
      backend.complete(REQUEST, true);
    }
    long unauthorized =
        reports.stream().filter(r -> r.state() == BackendStatus.State.UNAUTHORIZED).count();
    assertThat(unauthorized).isEqualTo(1);
    assertThat(reports.stream().filter(r -> r.state() == BackendStatus.State.BUSY)).hasSize(1);
  }

  @Test
  void disabledAndMissingKeyAreStatesOfTheSettings() {
    settings.set(settings.get().with(b -> b.apiKey(null)));
    status.refresh();
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.UNAUTHORIZED);
    assertThat(status.current().message()).contains("CODESTRAL_API_KEY");
    settings.set(
        settings.get().with(b -> b.completion(new Settings.Completion(false, 16, 0.0, List.of()))));
    status.refresh();
    assertThat(status.current().state()).isEqualTo(BackendStatus.State.DISABLED);
  }

  /** Answers calls from a script, in order; counts them. */
  private static final class ScriptedBackend implements FimBackend {
    final Deque<CompletableFuture<FimResult>> script = new ArrayDeque<>();
    int calls;

    void fail(Throwable error) {
      script.add(CompletableFuture.failedFuture(error));
    }

    void answer(FimResult result) {
      script.add(CompletableFuture.completedFuture(result));
    }

    @Override
    public synchronized CompletableFuture<FimResult> complete(FimRequest request) {
      calls++;
      CompletableFuture<FimResult> next = script.poll();
      return next != null
          ? next
          : CompletableFuture.failedFuture(new AssertionError("unexpected call"));
    }
  }

  /** Caffeine's clock, moved by hand. */
  private static final class ManualClock implements Ticker {
    private final AtomicLong nanos = new AtomicLong();

    void advance(Duration by) {
      nanos.addAndGet(by.toNanos());
    }

    @Override
    public long read() {
      return nanos.get();
    }
  }
}
