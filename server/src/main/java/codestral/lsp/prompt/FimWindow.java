package codestral.lsp.prompt;

/**
 * The text the model sees around the cursor.
 *
 * @param prefix the text before the cursor that is sent as {@code prompt}
 * @param suffix the text after the cursor that is sent as {@code suffix}
 * @param languageId the document's language, as the editor named it
 * @param cursorOffset the cursor's offset in the whole document (UTF-16 units)
 */
public record FimWindow(String prefix, String suffix, String languageId, int cursorOffset) {

  /** The text of the cursor's line before the cursor. */
  public String linePrefix() {
    int lineStart = Math.max(prefix.lastIndexOf('\n'), prefix.lastIndexOf('\r')) + 1;
    return prefix.substring(lineStart);
  }

  /** The text of the cursor's line after the cursor, without the line break. */
  public String lineSuffix() {
    int end = 0;
    while (end < suffix.length() && suffix.charAt(end) != '\n' && suffix.charAt(end) != '\r') {
      end++;
    }
    return suffix.substring(0, end);
  }

  @Override
  public String toString() {
    return "FimWindow[" + prefix.length() + " chars | " + suffix.length() + " chars, " + languageId + "]";
  }
}
