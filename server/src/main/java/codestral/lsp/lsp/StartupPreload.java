package codestral.lsp.lsp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

/**
 * A head start for the second core: while the main thread configures logging and builds the
 * server, a daemon thread loads and links what LSP4J will need for the first exchange (the
 * server's and client's method tables, Gson's adapters for {@code initialize} and its answer).
 *
 * <p>It computes nothing the server uses: the main thread builds its own launcher as usual and
 * finds those classes loaded, or loads them itself if this thread is late. So a failure here
 * costs nothing but the head start.
 */
final class StartupPreload {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"processId\":null,"
          + "\"rootUri\":null,\"capabilities\":{\"textDocument\":{\"inlineCompletion\":{}},"
          + "\"workspace\":{\"configuration\":true}},\"initializationOptions\":{}}}";

  private StartupPreload() {}

  /** Starts the head start; returns at once. */
  static void start() {
    Thread thread = new Thread(StartupPreload::run, "codestral-preload");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try {
      Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();
      methods.putAll(ServiceEndpoints.getSupportedMethods(CodestralLanguageServer.class));
      methods.putAll(ServiceEndpoints.getSupportedMethods(EditorClient.class));
      MessageJsonHandler json = new MessageJsonHandler(methods);
      json.parseMessage(INITIALIZE);
      ResponseMessage answer = new ResponseMessage();
      answer.setId(0);
      answer.setResult(new InitializeResult(new ServerCapabilities(), new ServerInfo("codestral-lsp", "")));
      json.serialize(answer);
    } catch (RuntimeException | LinkageError e) {
      // Only a head start: the main thread does the same work for real.
    }
  }
}
