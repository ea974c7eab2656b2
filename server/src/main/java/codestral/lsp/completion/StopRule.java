package codestral.lsp.completion;

import codestral.lsp.postprocess.PostProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * What the request asks of the model and when a streamed answer is whole, both from the one rule
 * post-processing cuts answers by ({@link PostProcessor#isDecided}), so the stream is stopped (and
 * the call cancelled) exactly where the rest would be thrown away, never earlier.
 *
 * <p>Where only the rest of the cursor's line can be inserted (code other than closers follows the
 * cursor), the line break is also sent as a stop sequence, with fewer tokens allowed. A rest of
 * line made only of closers the editor typed ({@code {|}}, {@code foo(|)}) is a block position: a
 * whole body may follow.
 */
final class StopRule {
  /** At most this many tokens for the rest of one line. */
  static final int LINE_MAX_TOKENS = 64;

  private final PostProcessor postProcessor;
  private final PostProcessor.Prepared prepared;
  private final boolean linePosition;

  StopRule(PostProcessor postProcessor, PostProcessor.Prepared prepared) {
    this.postProcessor = postProcessor;
    this.prepared = prepared;
    this.linePosition = postProcessor.isLinePosition(prepared);
  }

  /** The stop sequences to send: the user's, plus a line break for a one-line answer. */
  List<String> stops(List<String> configured) {
    if (!linePosition || configured.contains("\n")) {
      return configured;
    }
    List<String> stops = new ArrayList<>(configured);
    stops.add("\n");
    return stops;
  }

  /** The {@code max_tokens} to send. */
  int maxTokens(int configured) {
    return linePosition ? Math.min(configured, LINE_MAX_TOKENS) : configured;
  }

  /** Whether the text generated so far already holds the whole answer. */
  boolean isDecided(String text) {
    return postProcessor.isDecided(prepared, text);
  }
}
