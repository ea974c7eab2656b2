package codestral.lsp.protocol.bench;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The floor: an LSP4J server with no features. It answers {@code initialize}, keeps the text of
 * open documents (what any server must), answers every completion request with nothing (the
 * benchmark's probe for when a server serves requests), and exits on {@code exit}. {@link
 * StartupBenchmark} measures it exactly as it measures codestral-lsp.
 */
public final class BareLspServer implements LanguageServer, TextDocumentService, WorkspaceService {
  private final Map<String, String> documents = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    var out = new FileOutputStream(FileDescriptor.out);
    var in = new FileInputStream(FileDescriptor.in);
    System.setOut(System.err);
    BareLspServer server = new BareLspServer();
    LSPLauncher.createServerLauncher(server, in, out).startListening().get();
    Runtime.getRuntime().halt(1);
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    ServerCapabilities capabilities = new ServerCapabilities();
    capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
    return CompletableFuture.completedFuture(new InitializeResult(capabilities));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    Runtime.getRuntime().halt(0);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return this;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return this;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    documents.put(params.getTextDocument().getUri(), params.getTextDocument().getText());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    documents.put(
        params.getTextDocument().getUri(),
        params.getContentChanges().get(params.getContentChanges().size() - 1).getText());
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    documents.remove(params.getTextDocument().getUri());
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    return CompletableFuture.completedFuture(Either.forLeft(List.of()));
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {}

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {}

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {}
}
