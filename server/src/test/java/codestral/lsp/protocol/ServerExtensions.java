package codestral.lsp.protocol;

import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * What the test client can send beyond LSP: the server's custom methods, declared here so the
 * client proxy sends them and parses their results. Add a method per custom method; results stay
 * raw JSON so the tests assert on exactly what crossed the wire.
 */
interface ServerExtensions extends CustomProtocol {

  /** {@code codestral/stats}, no params. */
  @JsonRequest("codestral/stats")
  CompletableFuture<JsonObject> codestralStats();

  /** Copilot's {@code textDocument/didShowCompletion {item}}. */
  @JsonNotification("textDocument/didShowCompletion")
  void didShowCompletion(Object params);

  /** Copilot's {@code textDocument/didPartiallyAcceptCompletion {item, acceptedLength}}. */
  @JsonNotification("textDocument/didPartiallyAcceptCompletion")
  void didPartiallyAcceptCompletion(Object params);
}
