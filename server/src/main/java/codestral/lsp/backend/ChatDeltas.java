package codestral.lsp.backend;

/**
 * Receives a chat answer while it streams. Called on the thread that reads the HTTP body, one delta
 * after another in the order they arrived, never concurrently; so an implementation must be quick
 * (a notification to the editor is) or the stream backs up.
 */
@FunctionalInterface
public interface ChatDeltas {
  /** Ignores every delta: for callers that only want the final {@link ChatResult}. */
  ChatDeltas IGNORE = delta -> {};

  /** The next piece of the answer; never empty. */
  void onDelta(String delta);
}
