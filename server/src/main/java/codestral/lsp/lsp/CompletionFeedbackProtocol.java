package codestral.lsp.lsp;

import com.google.gson.JsonElement;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * The acceptance notifications Copilot's language server defined and Copilot-aware clients already
 * send. LSP4J does not know them, so they are declared here; the params stay raw JSON because
 * clients differ in what they echo back of the item.
 */
@JsonSegment("textDocument")
public interface CompletionFeedbackProtocol {

  /** {@code textDocument/didShowCompletion {item}}: the editor displayed an inline item. */
  @JsonNotification
  void didShowCompletion(JsonElement params);

  /**
   * {@code textDocument/didPartiallyAcceptCompletion {item, acceptedLength}}: the user accepted the
   * first {@code acceptedLength} UTF-16 units of the item's insertText (a word, a line).
   */
  @JsonNotification
  void didPartiallyAcceptCompletion(JsonElement params);
}
