package codestral.lsp.postprocess;

/**
 * What to put at the cursor.
 *
 * @param text the text to insert at the cursor
 * @param replacedSuffixLength how many characters after the cursor, on the cursor's line, the text
 *     replaces (for example a {@code )} the suggestion already ends with)
 */
public record Suggestion(String text, int replacedSuffixLength) {}
