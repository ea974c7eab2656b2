package codestral.lsp.completion;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.config.Settings;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  private final ManualClock clock = new ManualClock();
  private final RequestBudget budget = new RequestBudget(clock);

  @Test
  void callsBeyondTheRequestsAMinuteAreRefusedUntilTheMinuteHasPassed() {
    Settings.Pacing pacing = new Settings.Pacing(150, true, 30, 0);
    for (int i = 0; i < 30; i++) {
      assertThat(budget.tryAcquire(100, pacing)).as("call %d", i).isTrue();
      clock.advanceMillis(100);
    }
    assertThat(budget.tryAcquire(100, pacing)).isFalse();
    clock.advanceMillis(60_000 - 30 * 100);
    assertThat(budget.tryAcquire(100, pacing)).isTrue();
  }

  @Test
  void callsBeyondTheTokensAMinuteAreRefused() {
    Settings.Pacing pacing = new Settings.Pacing(150, true, 0, 10_000);
    assertThat(budget.tryAcquire(6_000, pacing)).isTrue();
    assertThat(budget.tryAcquire(6_000, pacing)).isFalse();
    assertThat(budget.tryAcquire(4_000, pacing)).isTrue();
    clock.advanceMillis(60_000);
    assertThat(budget.tryAcquire(6_000, pacing)).isTrue();
  }

  @Test
  void explicitCallsCountAgainstTheBudgetOfLaterAutomaticOnes() {
    Settings.Pacing pacing = new Settings.Pacing(150, true, 2, 0);
    budget.record(100);
    budget.record(100);
    assertThat(budget.tryAcquire(100, pacing)).isFalse();
  }

  @Test
  void zeroMeansNoLimit() {
    Settings.Pacing pacing = new Settings.Pacing(150, true, 0, 0);
    for (int i = 0; i < 1_000; i++) {
      assertThat(budget.tryAcquire(1_000_000, pacing)).isTrue();
    }
  }

  @Test
  void oneCallBiggerThanTheWholeTokenBudgetIsStillAllowedWhenNothingElseRan() {
    assertThat(budget.tryAcquire(200_000, new Settings.Pacing(150, true, 30, 100_000))).isTrue();
  }

  @Test
  void roomLeavesTheAskedShareFreeAndCountsNothing() {
    Settings.Pacing pacing = new Settings.Pacing(150, true, 10, 0);
    for (int i = 0; i < 7; i++) {
      budget.record(100);
    }
    assertThat(budget.hasRoom(100, pacing, 0.25)).isFalse();
    assertThat(budget.hasRoom(100, pacing, 0.1)).isTrue();
    assertThat(budget.hasRoom(100, new Settings.Pacing(150, true, 0, 0), 0.9)).isTrue();
    clock.advanceMillis(60_000);
    assertThat(budget.hasRoom(100, pacing, 0.25)).isTrue();
  }
}
