package codestral.lsp.completion;

import codestral.lsp.document.TextPosition;

/**
 * One request for suggestions at a position of an open document.
 *
 * @param uri the document
 * @param position the cursor, in the negotiated encoding
 * @param trigger why the editor asked
 */
public record CompletionQuery(String uri, TextPosition position, Trigger trigger) {}
