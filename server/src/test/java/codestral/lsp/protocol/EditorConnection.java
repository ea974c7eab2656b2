package codestral.lsp.protocol;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlineCompletionContext;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InlineCompletionParams;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The editor's end of a JSON-RPC connection to the server: a real LSP4J client recording what the
 * server tells the user, and the requests an editor sends. The same whether the server runs in this
 * JVM ({@link InProcessServer}) or as the built jar in a child process (protocol-tests' {@code
 * ServerProcess}); those two only say how the streams are made and what ends the server.
 */
abstract class EditorConnection implements AutoCloseable {
  static final long TIMEOUT_SECONDS = 20;

  final RecordingClient client = new RecordingClient();
  private final Map<String, Integer> versions = new HashMap<>();

  /** The client's own threads (LSP4J's default pool would keep each test's alive for a minute). */
  private final ExecutorService clientThreads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "editor-jsonrpc");
            thread.setDaemon(true);
            return thread;
          });

  private ServerExtensions extensions;
  private RemoteEndpoint remote;
  private Future<Void> clientListening;

  /**
   * Starts the client reading {@code fromServer}. The proxy also speaks the server's custom
   * methods, so their results are typed on the way back.
   */
  protected final void connect(InputStream fromServer, OutputStream toServer) {
    Launcher<ServerExtensions> launcher =
        new LSPLauncher.Builder<ServerExtensions>()
            .setLocalService(client)
            .setRemoteInterface(ServerExtensions.class)
            .setInput(fromServer)
            .setOutput(toServer)
            .setExecutorService(clientThreads)
            .create();
    clientListening = launcher.startListening();
    extensions = launcher.getRemoteProxy();
    remote = launcher.getRemoteEndpoint();
  }

  /** Whether the server is still serving (it has not exited). */
  abstract boolean isAlive();

  LanguageServer server() {
    return extensions;
  }

  /** The server's custom requests and notifications ({@code codestral/*}, Copilot's feedback). */
  ServerExtensions extensions() {
    return extensions;
  }

  /**
   * Sends any request, for custom methods such as {@code codestral/chat}. The result arrives as
   * Gson's JSON tree; cancelling the future sends {@code $/cancelRequest}.
   */
  CompletableFuture<Object> request(String method, Object params) {
    return remote.request(method, params);
  }

  /** {@code initialize} offering the given position encodings, then {@code initialized}. */
  InitializeResult initialize(List<String> positionEncodings, Object initializationOptions) {
    InitializeParams params = new InitializeParams();
    params.setProcessId((int) ProcessHandle.current().pid());
    ClientCapabilities capabilities = new ClientCapabilities();
    GeneralClientCapabilities general = new GeneralClientCapabilities();
    general.setPositionEncodings(positionEncodings);
    capabilities.setGeneral(general);
    WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
    workspace.setConfiguration(client.configurationSection != null);
    capabilities.setWorkspace(workspace);
    params.setCapabilities(capabilities);
    params.setInitializationOptions(initializationOptions);
    return initialize(params);
  }

  InitializeResult initialize() {
    return initialize(List.of("utf-16"), null);
  }

  /** {@code initialize} with the given params as they are, then {@code initialized}. */
  InitializeResult initialize(InitializeParams params) {
    InitializeResult result = await(server().initialize(params));
    server().initialized(new InitializedParams());
    return result;
  }

  void open(String uri, String languageId, String text) {
    versions.put(uri, 1);
    server()
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, languageId, 1, text)));
  }

  /** One didChange with the given changes, at the next version. */
  void change(String uri, TextDocumentContentChangeEvent... changes) {
    int version = versions.merge(uri, 1, Integer::sum);
    server()
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(changes)));
  }

  static TextDocumentContentChangeEvent edit(
      int startLine, int startChar, int endLine, int endChar, String text) {
    return new TextDocumentContentChangeEvent(
        new Range(new Position(startLine, startChar), new Position(endLine, endChar)), text);
  }

  InlineCompletionList inline(
      String uri, int line, int character, InlineCompletionTriggerKind kind) {
    InlineCompletionParams params =
        new InlineCompletionParams(
            new TextDocumentIdentifier(uri),
            new Position(line, character),
            new InlineCompletionContext(kind));
    var result = await(server().getTextDocumentService().inlineCompletion(params));
    if (result == null) {
      return new InlineCompletionList(List.of());
    }
    return result.isRight() ? result.getRight() : new InlineCompletionList(result.getLeft());
  }

  InlineCompletionList inline(String uri, int line, int character) {
    return inline(uri, line, character, InlineCompletionTriggerKind.Invoked);
  }

  CompletionList completion(String uri, int line, int character) {
    var result =
        await(
            server()
                .getTextDocumentService()
                .completion(
                    new CompletionParams(
                        new TextDocumentIdentifier(uri), new Position(line, character))));
    if (result == null) {
      return new CompletionList(List.of());
    }
    return result.isRight() ? result.getRight() : new CompletionList(result.getLeft());
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed or timed out: " + e, e);
    }
  }

  /**
   * Once the server has hung up or is gone: waits for the client to read to the end, then stops its
   * threads.
   */
  protected final void disconnect() {
    try {
      clientListening.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CancellationException | TimeoutException e) {
      // A broken stream ends the reading too; a hung one is stopped below.
    } finally {
      clientThreads.shutdownNow();
    }
  }

  @Override
  public abstract void close();
}
