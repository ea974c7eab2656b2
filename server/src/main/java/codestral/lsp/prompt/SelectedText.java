package codestral.lsp.prompt;

/**
 * The item selected in the editor's completion menu, as the inline request reports it: the text
 * between {@code start} and {@code end} of the document is about to become {@code text}, so the
 * model must continue {@code text}, not what is typed so far.
 *
 * @param start offset in the snapshot where the replaced range starts
 * @param end offset in the snapshot where it ends (usually the cursor)
 * @param text the text that will replace it
 */
public record SelectedText(int start, int end, String text) {
  public SelectedText {
    if (start > end) {
      int swap = start;
      start = end;
      end = swap;
    }
    text = text == null ? "" : text;
  }
}
