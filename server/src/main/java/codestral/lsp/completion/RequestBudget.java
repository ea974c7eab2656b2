package codestral.lsp.completion;

import codestral.lsp.config.Settings;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A client-side budget of calls and tokens per sliding minute, so as-you-type completions stay
 * under the account's limits and the user never meets a 429 for typing fast.
 *
 * <p>As-you-type calls over the budget are refused (the editor gets no suggestion, which costs
 * nothing); explicit ones always go through, since the user asked, and count against the budget.
 * Tokens are estimated before the call (prompt characters / 4 + {@code max_tokens}), the figure the
 * provider reserves.
 */
final class RequestBudget {
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final Ticker ticker;

  /** {time, tokens} of each call in the last minute, oldest first. */
  private final Deque<long[]> calls = new ArrayDeque<>();

  private long tokensInWindow;

  RequestBudget(Ticker ticker) {
    this.ticker = ticker;
  }

  /** Counts a call if the budget allows it; false (and nothing counted) when it does not. */
  synchronized boolean tryAcquire(int tokens, Settings.Pacing pacing) {
    long now = ticker.read();
    expire(now);
    boolean overRequests =
        pacing.requestsPerMinute() > 0 && calls.size() >= pacing.requestsPerMinute();
    boolean overTokens =
        pacing.tokensPerMinute() > 0
            && tokensInWindow + tokens > pacing.tokensPerMinute()
            && !calls.isEmpty();
    if (overRequests || overTokens) {
      return false;
    }
    add(now, tokens);
    return true;
  }

  /**
   * Whether one more call of {@code tokens} would still leave {@code keptFree} (a fraction) of the
   * minute's requests and tokens unused; counts nothing. With no limit there is always room.
   */
  synchronized boolean hasRoom(int tokens, Settings.Pacing pacing, double keptFree) {
    expire(ticker.read());
    double share = 1 - keptFree;
    boolean requests =
        pacing.requestsPerMinute() <= 0 || calls.size() + 1 <= pacing.requestsPerMinute() * share;
    boolean tokensLeft =
        pacing.tokensPerMinute() <= 0
            || tokensInWindow + tokens <= pacing.tokensPerMinute() * share;
    return requests && tokensLeft;
  }

  /** Counts a call that goes through whatever the budget says. */
  synchronized void record(int tokens) {
    long now = ticker.read();
    expire(now);
    add(now, tokens);
  }

  /**
   * The estimate of a call's tokens: what the prompt and suffix weigh, plus what may be generated.
   */
  static int estimateTokens(int promptChars, int maxTokens) {
    return promptChars / 4 + maxTokens;
  }

  private void add(long now, int tokens) {
    calls.addLast(new long[] {now, tokens});
    tokensInWindow += tokens;
  }

  private void expire(long now) {
    while (!calls.isEmpty() && now - calls.peekFirst()[0] >= MINUTE_NANOS) {
      tokensInWindow -= calls.pollFirst()[1];
    }
  }
}
