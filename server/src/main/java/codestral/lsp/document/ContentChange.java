package codestral.lsp.document;

/**
 * One entry of a {@code didChange}: replace {@code range} by {@code text}, or the whole document
 * when {@code range} is null.
 */
public record ContentChange(TextRange range, String text) {

  /** A change that replaces the whole document. */
  public static ContentChange full(String text) {
    return new ContentChange(null, text);
  }
}
