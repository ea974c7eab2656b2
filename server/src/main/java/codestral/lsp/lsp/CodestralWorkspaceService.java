package codestral.lsp.lsp;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings pushed by the client; everything else of the workspace is not ours to watch. */
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
    // We do not register file watchers.
  }

  @Override
  public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
    return server.executeCommand(params);
  }
}
