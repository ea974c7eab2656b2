package codestral.lsp.lsp;

import codestral.lsp.document.PositionEncoding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

/**
 * A head start for the second core. While the main thread configures logging and composes the
 * server, a daemon thread builds the JSON handler the launcher will use: LSP4J's method table
 * (reflection over every annotated method of the server and client interfaces, the largest single
 * cost of an LSP4J start) and its Gson. It hands the handler over as soon as it exists, then, while
 * the main thread builds the launcher, has the JDK generate the client proxy's class and Gson
 * build its adapters for the server's answer to {@code initialize}.
 *
 * <p>Warming the parse of {@code initialize} here as well was measured to cost more than it saves:
 * it runs at the same moment the editor's own message is parsed, and two cores are not enough for
 * both and the JIT compiler.
 *
 * <p>{@link #jsonHandler()} waits for the handler, and builds a plain one if the head start
 * failed, so a failure here costs nothing but time. The handler belongs to one launcher.
 */
public final class StartupPreload {
  private final CompletableFuture<MessageJsonHandler> handler = new CompletableFuture<>();

  private StartupPreload() {}

  /** Starts the head start; returns at once. */
  static StartupPreload start() {
    StartupPreload preload = new StartupPreload();
    // A named class, not a lambda: the first lambda of the process costs its thread ~10 ms.
    Thread thread = new Thread(new HeadStart(preload.handler), "codestral-preload");
    thread.setDaemon(true);
    thread.start();
    return preload;
  }

  /**
   * The JSON handler for a launcher whose local service is a {@link CodestralLanguageServer} and
   * whose remote interface is {@link EditorClient}; waits for the head start to build it.
   */
  MessageJsonHandler jsonHandler() {
    try {
      return handler.get();
    } catch (ExecutionException e) {
      return new MessageJsonHandler(supportedMethods());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new MessageJsonHandler(supportedMethods());
    }
  }

  /** The method table LSP4J's launcher builds for this server: remote interfaces first, then the local service. */
  static Map<String, JsonRpcMethod> supportedMethods() {
    Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();
    methods.putAll(ServiceEndpoints.getSupportedMethods(EditorClient.class));
    methods.putAll(ServiceEndpoints.getSupportedMethods(CodestralLanguageServer.class));
    return methods;
  }

  /** The second thread's work: the handler first, handed over at once; then warming it. */
  private static final class HeadStart implements Runnable {
    private final CompletableFuture<MessageJsonHandler> handler;

    HeadStart(CompletableFuture<MessageJsonHandler> handler) {
      this.handler = handler;
    }

    @Override
    public void run() {
      MessageJsonHandler json;
      try {
        json = new MessageJsonHandler(supportedMethods());
      } catch (RuntimeException | LinkageError e) {
        handler.completeExceptionally(e);
        return;
      }
      handler.complete(json);
      try {
        // While the main thread builds the launcher and reads the editor's first message, this
        // one has the JDK generate the client proxy's class and Gson build its adapters.
        ServiceEndpoints.toServiceObject(new SilentEndpoint(), EditorClient.class);
        ResponseMessage answer = new ResponseMessage();
        answer.setId(0);
        answer.setResult(CodestralLanguageServer.initializeResult(PositionEncoding.UTF16, "0"));
        json.serialize(answer);
      } catch (RuntimeException | LinkageError e) {
        // Only warming: what was not warmed is built on first use.
      }
    }
  }

  /** The endpoint of a proxy that is made only to have its class generated. */
  private static final class SilentEndpoint implements Endpoint {
    @Override
    public CompletableFuture<?> request(String method, Object parameter) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notify(String method, Object parameter) {}
  }
}
