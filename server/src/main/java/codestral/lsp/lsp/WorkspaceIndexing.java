package codestral.lsp.lsp;

import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.RecentActivity;
import codestral.lsp.workspace.WorkspaceIndex;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The protocol side of the workspace index: builds it after {@code initialized} on its own
 * low-priority thread (never the message thread, never a completion's), with work-done progress
 * when the client shows it; registers for watched-file events when the client allows dynamic
 * registration; and feeds it those events and saves. Every change of the index runs on that one
 * thread, in order.
 */
public final class WorkspaceIndexing {
  private static final Logger LOG = System.getLogger(WorkspaceIndexing.class.getName());
  private static final String PROGRESS_TOKEN = "codestral/workspaceIndex";

  private final WorkspaceIndex index;
  private final DocumentStore documents;
  private final Supplier<Settings> settings;
  private final ExecutorService thread;
  private volatile List<String> rootUris = List.of();
  private volatile boolean clientShowsProgress;
  private volatile boolean clientRegistersWatchers;

  /** Whether the index is built or being built (and followed); false again when turned off. */
  private volatile boolean started;

  /** Whether {@code initialized} came: before it, a settings change starts nothing. */
  private volatile boolean running;

  private volatile boolean watching;

  /**
   * @param thread the one thread indexing runs on, in the background
   */
  public WorkspaceIndexing(
      WorkspaceIndex index,
      DocumentStore documents,
      Supplier<Settings> settings,
      ExecutorService thread) {
    this.index = index;
    this.thread = thread;
    this.documents = documents;
    this.settings = settings;
  }

  /** What the client can do, from {@code initialize}. */
  void initialize(ClientCapabilities capabilities, List<String> roots) {
    rootUris = List.copyOf(roots);
    clientShowsProgress =
        capabilities != null
            && capabilities.getWindow() != null
            && Boolean.TRUE.equals(capabilities.getWindow().getWorkDoneProgress());
    clientRegistersWatchers =
        capabilities != null
            && capabilities.getWorkspace() != null
            && capabilities.getWorkspace().getDidChangeWatchedFiles() != null
            && Boolean.TRUE.equals(
                capabilities.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration());
  }

  /** Stops the index's thread, a build in progress included: the connection has ended. */
  public void stop() {
    thread.shutdownNow();
  }

  /** After {@code initialized}: watch, then build in the background. */
  void start(LanguageClient client) {
    running = true;
    if (started || !settings.get().prompt().context().workspace() || rootUris.isEmpty()) {
      return;
    }
    started = true;
    if (clientRegistersWatchers && client != null && !watching) {
      watching = true;
      DidChangeWatchedFilesRegistrationOptions options =
          new DidChangeWatchedFilesRegistrationOptions(
              List.of(new FileSystemWatcher(Either.forLeft("**/*"))));
      client
          .registerCapability(
              new RegistrationParams(
                  List.of(
                      new Registration(
                          "codestral-watch", "workspace/didChangeWatchedFiles", options))))
          .exceptionally(
              error -> {
                LOG.log(
                    Level.DEBUG, "The client refused to watch files: {0}", String.valueOf(error));
                return null;
              });
    }
    List<Path> roots = new ArrayList<>();
    for (String uri : rootUris) {
      Path root = pathOf(uri);
      if (root != null) {
        roots.add(root);
      }
    }
    List<Path> near = new ArrayList<>();
    for (RecentActivity activity : documents.recentActivity()) {
      Path file = pathOf(activity.uri());
      if (file != null && file.getParent() != null) {
        near.add(file.getParent());
      }
    }
    WorkspaceIndex.Progress progress =
        clientShowsProgress && client != null
            ? new ClientProgress(client)
            : WorkspaceIndex.Progress.NONE;
    if (progress instanceof ClientProgress) {
      // The build waits for the client's answer to create, as the protocol asks.
      client
          .createProgress(new WorkDoneProgressCreateParams(Either.forLeft(PROGRESS_TOKEN)))
          .handle(
              (ignored, error) ->
                  thread.submit(
                      () ->
                          build(
                              roots,
                              near,
                              error == null ? progress : WorkspaceIndex.Progress.NONE)));
    } else {
      thread.submit(() -> build(roots, near, progress));
    }
  }

  /**
   * The settings changed: {@code codestral.context.workspace} turned on after start-up builds the
   * index now; turned off, the index is emptied (the prompt stops asking it at once) and changes
   * are no longer followed, until it is turned on again. Before {@code initialized}, nothing.
   */
  void settingsChanged(LanguageClient client) {
    if (!running) {
      return;
    }
    boolean on = settings.get().prompt().context().workspace();
    if (on && !started) {
      start(client);
    } else if (!on && started) {
      started = false;
      thread.submit(
          () -> {
            index.clear();
            LOG.log(Level.INFO, "Workspace index emptied: codestral.context.workspace is off");
          });
    }
  }

  private void build(List<Path> roots, List<Path> near, WorkspaceIndex.Progress progress) {
    if (!started) {
      progress.end(0, 0); // turned off while the client was asked to show progress
      return;
    }
    try {
      index.clear(); // a build after the setting was turned off and on again starts afresh
      index.build(roots, near, progress);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Workspace index failed: {0}", e.toString());
      progress.end(0, 0);
    }
  }

  /** {@code workspace/didChangeWatchedFiles}: re-read what changed, forget what is gone. */
  void filesChanged(DidChangeWatchedFilesParams params) {
    if (!started || params == null || params.getChanges() == null) {
      return;
    }
    for (FileEvent event : params.getChanges()) {
      Path file = pathOf(event.getUri());
      if (file == null) {
        continue;
      }
      FileChangeType type = event.getType();
      thread.submit(
          () -> {
            if (type == FileChangeType.Deleted) {
              index.remove(file);
            } else {
              index.refresh(file);
            }
          });
    }
  }

  /** {@code textDocument/didSave}: the file on disk is the document's text now. */
  void saved(String uri) {
    Path file = pathOf(uri);
    if (started && file != null) {
      thread.submit(() -> index.refresh(file));
    }
  }

  private static Path pathOf(String uri) {
    try {
      URI parsed = URI.create(uri);
      return "file".equals(parsed.getScheme())
          ? Path.of(parsed).toAbsolutePath().normalize()
          : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Work-done progress on the client, at most one report per 500 files. */
  private static final class ClientProgress implements WorkspaceIndex.Progress {
    private final LanguageClient client;

    ClientProgress(LanguageClient client) {
      this.client = client;
    }

    @Override
    public void begin(int files) {
      WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
      begin.setTitle("Codestral: indexing the workspace");
      begin.setMessage(files + " files");
      begin.setPercentage(0);
      begin.setCancellable(false);
      send(Either.forLeft(begin));
    }

    @Override
    public void report(int done, int files) {
      WorkDoneProgressReport report = new WorkDoneProgressReport();
      report.setMessage(done + " / " + files + " files");
      report.setPercentage(files == 0 ? 100 : done * 100 / files);
      send(Either.forLeft(report));
    }

    @Override
    public void end(int indexed, long millis) {
      WorkDoneProgressEnd end = new WorkDoneProgressEnd();
      end.setMessage(indexed + " files indexed in " + millis + " ms");
      send(Either.forLeft(end));
    }

    private void send(Either<org.eclipse.lsp4j.WorkDoneProgressNotification, Object> value) {
      client.notifyProgress(new ProgressParams(Either.forLeft(PROGRESS_TOKEN), value));
    }
  }
}
