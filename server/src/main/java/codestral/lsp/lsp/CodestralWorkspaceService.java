package codestral.lsp.lsp;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings pushed by the client, and the watched files the workspace index hears of. */
final class CodestralWorkspaceService implements WorkspaceService {
  private final CodestralLanguageServer server;

  CodestralWorkspaceService(CodestralLanguageServer server) {
    this.server = server;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    server.onConfigurationChanged(JsonData.toPlain(params.getSettings()));
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    // Registered by the workspace index, when the client allows dynamic registration.
    WorkspaceIndexing indexing = server.workspaceIndexing();
    if (indexing != null) {
      indexing.filesChanged(params);
    }
  }

  @Override
  public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
    return server.executeCommand(params);
  }
}
