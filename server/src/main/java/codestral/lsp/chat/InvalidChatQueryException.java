package codestral.lsp.chat;

/**
 * The request itself is wrong (no messages, an unknown role, a document that is not open): the
 * editor's mistake, told back to it rather than sent to the model.
 */
public final class InvalidChatQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidChatQueryException(String message) {
    super(message);
  }
}
