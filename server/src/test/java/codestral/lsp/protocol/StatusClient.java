package codestral.lsp.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;

/** The server's custom notifications, as the editor receives them. */
interface StatusClient {

  /** {@code codestral/status}. */
  @JsonNotification("codestral/status")
  void status(Status status);

  /** Its params: {@code {"state": "ready", "message": "…"}}. */
  final class Status {
    String state;
    String message;

    @Override
    public String toString() {
      return state + ": " + message;
    }
  }
}
