package codestral.lsp.protocol;

import codestral.lsp.app.ServerLauncher;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
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
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The server in this JVM, the way lemminx tests its own: {@link ServerLauncher#launch} on one end
 * of a pair of pipes, a real LSP4J client on the other, and a {@link FakeCodestral} on loopback.
 * Every byte still goes through JSON-RPC; only what needs a process of its own (stdout purity,
 * exit codes, the launcher, key leaks, the editors) stays in protocol-tests.
 */
final class InProcessServer implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 20;

  private final PipedOutputStream toServer = new PipedOutputStream();
  private final PipedOutputStream toClient = new PipedOutputStream();
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private final LanguageServer server;
  private final Map<String, Integer> versions = new HashMap<>();

  private InProcessServer(Map<String, String> environment) throws IOException {
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
    PipedInputStream clientIn = new PipedInputStream(toClient, 1 << 16);
    ServerLauncher.launch(serverIn, toClient, environment, "0.0.0-test", exitCode::complete);
    Launcher<LanguageServer> client = LSPLauncher.createClientLauncher(new QuietClient(), clientIn, toServer);
    client.startListening();
    server = client.getRemoteProxy();
  }

  /** A server whose Codestral is {@code fake}. */
  static InProcessServer startAgainst(FakeCodestral fake) throws IOException {
    return new InProcessServer(Map.of("CODESTRAL_API_KEY", FakeCodestral.KEY, "CODESTRAL_ENDPOINT", fake.endpoint()));
  }

  LanguageServer server() {
    return server;
  }

  /** {@code initialize} offering the given position encodings, then {@code initialized}. */
  InitializeResult initialize(List<String> positionEncodings, Object initializationOptions) {
    InitializeParams params = new InitializeParams();
    params.setProcessId((int) ProcessHandle.current().pid());
    ClientCapabilities capabilities = new ClientCapabilities();
    GeneralClientCapabilities general = new GeneralClientCapabilities();
    general.setPositionEncodings(positionEncodings);
    capabilities.setGeneral(general);
    params.setCapabilities(capabilities);
    params.setInitializationOptions(initializationOptions);
    InitializeResult result = await(server.initialize(params));
    server.initialized(new InitializedParams());
    return result;
  }

  InitializeResult initialize() {
    return initialize(List.of("utf-16"), null);
  }

  void open(String uri, String languageId, String text) {
    versions.put(uri, 1);
    server.getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, languageId, 1, text)));
  }

  /** One didChange with the given changes, at the next version. */
  void change(String uri, TextDocumentContentChangeEvent... changes) {
    int version = versions.merge(uri, 1, Integer::sum);
    server.getTextDocumentService()
        .didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), List.of(changes)));
  }

  static TextDocumentContentChangeEvent edit(int startLine, int startChar, int endLine, int endChar, String text) {
    return new TextDocumentContentChangeEvent(
        new Range(new Position(startLine, startChar), new Position(endLine, endChar)), text);
  }

  InlineCompletionList inline(String uri, int line, int character, InlineCompletionTriggerKind kind) {
    InlineCompletionParams params =
        new InlineCompletionParams(
            new TextDocumentIdentifier(uri), new Position(line, character), new InlineCompletionContext(kind));
    var result = await(server.getTextDocumentService().inlineCompletion(params));
    if (result == null) {
      return new InlineCompletionList(List.of());
    }
    return result.isRight() ? result.getRight() : new InlineCompletionList(result.getLeft());
  }

  InlineCompletionList inline(String uri, int line, int character) {
    return inline(uri, line, character, InlineCompletionTriggerKind.Invoked);
  }

  /** {@code shutdown} then {@code exit}; the exit code the server asked for. */
  int shutdownAndExit() {
    await(server.shutdown());
    server.exit();
    return await(exitCode);
  }

  /** Whether the server has not asked to exit. */
  boolean isAlive() {
    return !exitCode.isDone();
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed or timed out: " + e, e);
    }
  }

  /** Hangs up both ends: the server's reader sees the end of its input, as when an editor quits. */
  @Override
  public void close() {
    try {
      toServer.close();
      toClient.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An editor that shows nothing: what the server tells the user is not these tests' business. */
  private static final class QuietClient implements LanguageClient {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {}

    @Override
    public void showMessage(MessageParams message) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }
}
