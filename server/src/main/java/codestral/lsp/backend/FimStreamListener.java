package codestral.lsp.backend;

/**
 * Watches a streamed completion grow, so the caller can stop paying for tokens it will not use.
 *
 * <p>Called on the HTTP client's thread, once per chunk that added text; it must be quick and must
 * not block, since the next chunk waits behind it.
 */
@FunctionalInterface
public interface FimStreamListener {
  /** A listener that never stops a stream early. */
  FimStreamListener NONE = textSoFar -> false;

  /**
   * Receives all the text generated so far.
   *
   * @return true when the answer is decided: the backend stops reading, cancels the call and
   *     completes with the text so far
   */
  boolean onText(String textSoFar);
}
