package codestral.lsp.prompt;

/**
 * The text the model sees around the cursor.
 *
 * @param context snippets of other documents, each headed by its path, sent before the prefix;
 *     empty when there are none
 * @param prefix the document's text before the cursor (with the text of the item selected in the
 *     editor's completion menu, when there is one): the end of {@code prompt}
 * @param suffix the text after the cursor that is sent as {@code suffix}
 * @param languageId the document's language, as the editor named it
 * @param cursorOffset the cursor's offset in the whole document (UTF-16 units)
 * @param rawTokens the uncorrected token estimate of everything sent, for calibration; 0 when
 *     unknown
 */
public record FimWindow(
    String context,
    String prefix,
    String suffix,
    String languageId,
    int cursorOffset,
    double rawTokens) {

  /** A window without cross-file context or estimate (tests, and callers that cut their own). */
  public FimWindow(String prefix, String suffix, String languageId, int cursorOffset) {
    this("", prefix, suffix, languageId, cursorOffset, 0);
  }

  /** What goes into the request's {@code prompt} field: the context, then the prefix. */
  public String prompt() {
    return context.isEmpty() ? prefix : context + prefix;
  }

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
    // The text is the user's code: sizes only, never the text, so a log line cannot leak it.
    return "FimWindow["
        + context.length()
        + " chars context, "
        + prefix.length()
        + " chars | "
        + suffix.length()
        + " chars, "
        + languageId
        + "]";
  }
}
