package codestral.lsp.completion;

import codestral.lsp.document.DocumentSnapshot;

/**
 * A suggestion as the editor inserts it when the user takes it: {@code [start, end)} of the
 * snapshot it was made for is replaced by {@code insertText}, and the cursor ends after it.
 *
 * @param uri the document
 * @param snapshot the version the suggestion was made for
 * @param start the first offset the item replaces (an inline item re-sends its line's start)
 * @param end the offset after the last one it replaces
 * @param insertText what the editor puts there
 */
public record PlacedSuggestion(
    String uri, DocumentSnapshot snapshot, int start, int end, String insertText) {

  /** The cursor after acceptance, an offset of the document as it will be. */
  int cursorAfter() {
    return start + insertText.length();
  }
}
