package codestral.lsp.lsp;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * The {@code codestral/chat} request: ask Codestral about the code in front of the user, with the
 * same server, key and settings that serve completions.
 *
 * <p>With a {@code partialResultToken} the answer streams as {@code $/progress {token, value:
 * {delta}}} notifications, in order, and the response still carries the whole text; with a {@code
 * workDoneToken} the editor gets begin/report/end progress it can cancel.
 */
@JsonSegment("codestral")
public interface ChatProtocol {

  /** {@code codestral/chat}: errors are JSON-RPC errors with a message meant for the user. */
  @JsonRequest
  CompletableFuture<ChatAnswer> chat(ChatParams params);
}
