package codestral.lsp.cache;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.backend.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompletionCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final CompletionCache cache =
      new CompletionCache(100_000, Duration.ofMinutes(10), nanos::get);
  private final List<CompletableFuture<FimResult>> calls = new ArrayList<>();

  private CompletableFuture<FimResult> load(FimRequest request) {
    CompletableFuture<FimResult> call = new CompletableFuture<>();
    calls.add(call);
    return call;
  }

  private static FimRequest request(String prompt) {
    return new FimRequest("codestral-latest", prompt, "\n", 128, 0.0, List.of());
  }

  private static FimResult result(String text) {
    return new FimResult(text, "stop", Usage.UNKNOWN, "codestral-2508");
  }

  @Test
  void identicalRequestsInFlightShareOneCall() {
    CompletableFuture<FimResult> first = cache.get(request("x = "), this::load);
    CompletableFuture<FimResult> second = cache.get(request("x = "), this::load);
    assertThat(calls).hasSize(1);
    calls.get(0).complete(result("42"));
    assertThat(first.join().text()).isEqualTo("42");
    assertThat(second.join().text()).isEqualTo("42");
  }

  @Test
  void aRepeatedRequestIsAHitOnTheFinishedAnswer() {
    cache.get(request("x = "), this::load);
    calls.get(0).complete(result("42"));
    assertThat(cache.get(request("x = "), this::load).join().text()).isEqualTo("42");
    assertThat(calls).hasSize(1);
    assertThat(cache.loads()).isEqualTo(1);
  }

  @Test
  void cancellingOneOfTwoWaitersKeepsTheCallForTheOther() {
    CompletableFuture<FimResult> first = cache.get(request("x = "), this::load);
    CompletableFuture<FimResult> second = cache.get(request("x = "), this::load);
    first.cancel(true);
    assertThat(calls.get(0)).isNotCancelled();
    calls.get(0).complete(result("42"));
    assertThat(second.join().text()).isEqualTo("42");
  }

  @Test
  void cancellingEveryWaiterCancelsTheCallAndDropsItFromTheCache() {
    CompletableFuture<FimResult> first = cache.get(request("x = "), this::load);
    CompletableFuture<FimResult> second = cache.get(request("x = "), this::load);
    first.cancel(true);
    second.cancel(true);
    assertThat(calls.get(0)).isCancelled();
    assertThat(cache.size()).isZero();
    CompletableFuture<FimResult> again = cache.get(request("x = "), this::load);
    assertThat(calls).hasSize(2);
    calls.get(1).complete(result("7"));
    assertThat(again.join().text()).isEqualTo("7");
  }

  @Test
  void aFailedCallIsNotCachedSoTheNextRequestCallsAgain() {
    CompletableFuture<FimResult> first = cache.get(request("x = "), this::load);
    calls.get(0).completeExceptionally(new IllegalStateException("503"));
    assertThat(first).isCompletedExceptionally();
    cache.get(request("x = "), this::load);
    assertThat(calls).hasSize(2);
  }

  @Test
  void answersExpireAfterTheirAgeOnTheInjectedClock() {
    cache.get(request("x = "), this::load);
    calls.get(0).complete(result("42"));
    nanos.addAndGet(Duration.ofMinutes(9).toNanos());
    cache.get(request("x = "), this::load);
    assertThat(calls).hasSize(1);
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    cache.get(request("x = "), this::load);
    assertThat(calls).hasSize(2);
  }

  @Test
  void differentSamplingSettingsAreDifferentAnswers() {
    cache.get(request("x = "), this::load);
    cache.get(new FimRequest("codestral-latest", "x = ", "\n", 128, 0.7, List.of()), this::load);
    cache.get(new FimRequest("other-model", "x = ", "\n", 128, 0.0, List.of()), this::load);
    assertThat(calls).hasSize(3);
  }

  @Test
  void joinSharesACallInFlightWithoutStartingOne() {
    CompletableFuture<FimResult> first = cache.get(request("x = "), this::load);
    CompletableFuture<FimResult> joined = cache.join(request("x = ")).orElseThrow();
    assertThat(cache.join(request("y = "))).isEmpty();
    first.cancel(true);
    assertThat(calls.get(0)).isNotCancelled();
    joined.cancel(true);
    assertThat(calls.get(0)).isCancelled();
    assertThat(calls).hasSize(1);
  }

  @Test
  void theCacheIsBoundedByTheTextItHoldsNotByItsEntries() {
    CompletionCache small = new CompletionCache(1_000, Duration.ofMinutes(10), nanos::get);
    for (int i = 0; i < 10; i++) {
      small.get(request(i + " = "), this::load);
      calls.get(i).complete(result("y".repeat(300)));
    }

    // Ten answers of 300 chars: no more than three fit in a thousand.
    assertThat(small.size()).isBetween(1L, 3L);
  }

  @Test
  void aCachedAnswerDoesNotWeighItsWindow() {
    CompletionCache small = new CompletionCache(1_000, Duration.ofMinutes(10), nanos::get);
    for (int i = 0; i < 5; i++) {
      small.get(request(i + "x".repeat(10_000)), this::load);
      calls.get(i).complete(result("42"));
    }

    assertThat(small.size()).isEqualTo(5);
  }

  @Test
  void windowsThatDifferInOneCharOrInWhereTheCursorSplitsThemAreDifferentRequests() {
    String text = "def add(a, b):\n    return a + b\n".repeat(200);
    FimRequest whole = new FimRequest("codestral-latest", text, "\n", 128, 0.0, List.of());
    FimRequest oneCharChanged =
        new FimRequest(
            "codestral-latest",
            text.substring(0, 3000) + "c" + text.substring(3001),
            "\n",
            128,
            0.0,
            List.of());
    FimRequest splitElsewhere =
        new FimRequest(
            "codestral-latest",
            text.substring(0, text.length() - 1),
            text.substring(text.length() - 1) + "\n",
            128,
            0.0,
            List.of());

    cache.get(whole, this::load);
    cache.get(oneCharChanged, this::load);
    cache.get(splitElsewhere, this::load);
    cache.get(
        new FimRequest("codestral-latest", new String(text), "\n", 128, 0.0, List.of()),
        this::load);

    assertThat(calls).hasSize(3);
  }
}
