package codestral.lsp.lsp;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The editor as the server sees it: the standard client plus the notifications this server adds.
 * LSP4J builds the proxy from this interface, so every custom server→client message is declared
 * here.
 */
public interface EditorClient extends LanguageClient {

  /**
   * {@code codestral/status}: the connection's state changed ({@code ready}, {@code busy}, {@code
   * rate-limited}, {@code unauthorized}, {@code offline}, {@code disabled}), with a human message,
   * so an editor can show a status item. Sent on changes only, never per request.
   */
  @JsonNotification("codestral/status")
  void status(StatusParams params);
}
