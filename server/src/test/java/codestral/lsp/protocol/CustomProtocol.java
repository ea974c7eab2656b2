package codestral.lsp.protocol;

import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The server's custom requests as the test client sees them. LSP4J parses a response by the return
 * type of the method it answers, and gives null for a method it does not know; so every custom
 * request a test calls needs a method here, with Gson's tree as its result type.
 */
interface CustomProtocol extends LanguageServer {
  @JsonRequest("codestral/chat")
  CompletableFuture<JsonObject> chat(Object params);
}
