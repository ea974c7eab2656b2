package codestral.lsp.completion;

import codestral.lsp.config.Settings;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Arrays;

/**
 * How long an as-you-type request waits for the next keystroke before it calls the API.
 *
 * <p>A fixed delay is either too short for a slow typist (every keystroke pays for a call that the
 * next one throws away) or too long for a fast one (they wait after they stop). This one follows
 * the user: {@value #FACTOR} times the median gap between their recent keystrokes, kept between
 * {@value #MIN_MS} and {@value #MAX_MS} ms; gaps over {@value #PAUSE_MS} ms are pauses, not typing,
 * and are ignored. Until {@value #MIN_GAPS} gaps are known, the configured delay applies. The
 * median, not the mean, so one long hesitation does not stretch the wait.
 */
final class AdaptiveDebounce {
  static final double FACTOR = 2.0;
  static final long MIN_MS = 50;
  static final long MAX_MS = 400;
  static final long PAUSE_MS = 1000;
  static final int MIN_GAPS = 3;
  private static final int SAMPLES = 16;

  private final Ticker ticker;
  private final long[] keystrokes = new long[SAMPLES];
  private int count;

  AdaptiveDebounce(Ticker ticker) {
    this.ticker = ticker;
  }

  /** Notes a keystroke (an edit of any document) now. */
  synchronized void keystroke() {
    keystrokes[count % SAMPLES] = ticker.read();
    count++;
  }

  /** The delay for a request made now, in milliseconds; 0 means call at once. */
  synchronized long delayMillis(Settings.Pacing pacing) {
    if (pacing.debounceMs() == 0 || !pacing.adaptiveDebounce()) {
      return pacing.debounceMs();
    }
    int known = Math.min(count, SAMPLES);
    long[] gaps = new long[Math.max(0, known - 1)];
    int found = 0;
    for (int i = 1; i < known; i++) {
      long later = keystrokes[(count - i) % SAMPLES];
      long earlier = keystrokes[(count - i - 1) % SAMPLES];
      long gapMs = (later - earlier) / 1_000_000;
      if (gapMs <= PAUSE_MS) {
        gaps[found++] = gapMs;
      }
    }
    if (found < MIN_GAPS) {
      return pacing.debounceMs();
    }
    long[] typing = Arrays.copyOf(gaps, found);
    Arrays.sort(typing);
    double median =
        found % 2 == 1 ? typing[found / 2] : (typing[found / 2 - 1] + typing[found / 2]) / 2.0;
    return Math.max(MIN_MS, Math.min(MAX_MS, Math.round(FACTOR * median)));
  }
}
