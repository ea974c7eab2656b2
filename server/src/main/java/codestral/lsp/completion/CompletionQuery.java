package codestral.lsp.completion;

import codestral.lsp.document.TextPosition;
import codestral.lsp.document.TextRange;

/**
 * One request for suggestions at a position of an open document.
 *
 * @param uri the document
 * @param position the cursor, in the negotiated encoding
 * @param trigger why the editor asked
 * @param selected the item selected in the editor's completion menu, or null: the suggestion must
 *     then extend its text over its range
 */
public record CompletionQuery(
    String uri, TextPosition position, Trigger trigger, SelectedCompletion selected) {

  /** A query without a completion-menu selection. */
  public CompletionQuery(String uri, TextPosition position, Trigger trigger) {
    this(uri, position, trigger, null);
  }

  /**
   * The protocol's {@code selectedCompletionInfo}: {@code range} of the document will be replaced
   * by {@code text} if the user accepts the menu item.
   */
  public record SelectedCompletion(TextRange range, String text) {}
}
