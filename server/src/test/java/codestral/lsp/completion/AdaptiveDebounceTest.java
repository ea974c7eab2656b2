package codestral.lsp.completion;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.config.Settings;
import org.junit.jupiter.api.Test;

class AdaptiveDebounceTest {
  private static final Settings.Pacing ADAPTIVE = new Settings.Pacing(150, true, 0, 0);
  private static final Settings.Pacing FIXED = new Settings.Pacing(150, false, 0, 0);

  private final ManualClock clock = new ManualClock();
  private final AdaptiveDebounce debounce = new AdaptiveDebounce(clock);

  private void type(int keys, long gapMs) {
    for (int i = 0; i < keys; i++) {
      clock.advanceMillis(gapMs);
      debounce.keystroke();
    }
  }

  @Test
  void withoutAnyTypingTheConfiguredDelayApplies() {
    assertThat(debounce.delayMillis(ADAPTIVE)).isEqualTo(150);
    type(2, 60);
    assertThat(debounce.delayMillis(ADAPTIVE)).isEqualTo(150);
  }

  @Test
  void aFastTypistWaitsTwiceTheirMedianGap() {
    type(10, 60);
    assertThat(debounce.delayMillis(ADAPTIVE)).isEqualTo(120);
  }

  @Test
  void theDelayStaysBetweenItsBounds() {
    type(10, 10);
    assertThat(debounce.delayMillis(ADAPTIVE)).isEqualTo(AdaptiveDebounce.MIN_MS);
    type(10, 300);
    assertThat(debounce.delayMillis(ADAPTIVE)).isEqualTo(AdaptiveDebounce.MAX_MS);
  }

  @Test
  void pausesAreNotTypingAndOneHesitationDoesNotStretchTheDelay() {
    type(6, 80);
    type(1, 5_000);
    type(1, 900);
    type(3, 80);
    assertThat(debounce.delayMillis(ADAPTIVE)).isEqualTo(160);
  }

  @Test
  void withAdaptiveOffOrZeroTheSettingIsUsedAsIs() {
    type(10, 60);
    assertThat(debounce.delayMillis(FIXED)).isEqualTo(150);
    assertThat(debounce.delayMillis(new Settings.Pacing(0, true, 0, 0))).isZero();
  }

  /**
   * A simulated typist: a request after every keystroke fires a call when the next keystroke comes
   * later than the debounce. Counts the calls and the wait after the last keystroke.
   */
  private long[] simulate(Settings.Pacing pacing, long gapMs, int keys) {
    AdaptiveDebounce fresh = new AdaptiveDebounce(clock);
    long calls = 0;
    long lastDelay = 0;
    for (int i = 0; i < keys; i++) {
      fresh.keystroke();
      lastDelay = fresh.delayMillis(pacing);
      boolean last = i == keys - 1;
      if (last || gapMs > lastDelay) {
        calls++;
      }
      clock.advanceMillis(gapMs);
    }
    return new long[] {calls, lastDelay};
  }

  @Test
  void adaptingBeatsAFixedDelayForSlowAndFastTypistsAlike() {
    // A slow typist (200 ms between keys): a fixed 150 ms fires a wasted call on every key.
    long[] fixedSlow = simulate(FIXED, 200, 40);
    long[] adaptiveSlow = simulate(ADAPTIVE, 200, 40);
    assertThat(fixedSlow[0]).isEqualTo(40);
    assertThat(adaptiveSlow[0]).isLessThanOrEqualTo(4);
    // A fast typist (60 ms): both make one call, but the adaptive one answers sooner after the
    // stop.
    long[] fixedFast = simulate(FIXED, 60, 40);
    long[] adaptiveFast = simulate(ADAPTIVE, 60, 40);
    assertThat(adaptiveFast[0]).isEqualTo(fixedFast[0]).isEqualTo(1);
    assertThat(adaptiveFast[1]).isLessThan(fixedFast[1]);
  }
}
