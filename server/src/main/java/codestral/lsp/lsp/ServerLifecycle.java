package codestral.lsp.lsp;

import codestral.lsp.backend.BackendStatus;
import codestral.lsp.config.ApiKeyCommand;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.MessageType;

/**
 * The server's life between {@code initialize} and {@code exit}, apart from features: the status it
 * reports, the key from {@code apiKeyCommand}, refusing work after {@code shutdown}, and watching
 * the editor's process. {@link CodestralLanguageServer} calls it at each step.
 */
public final class ServerLifecycle {
  private static final Logger LOG = System.getLogger(ServerLifecycle.class.getName());

  private final BackendStatus status;
  private final StatusPublisher publisher;
  private final ApiKeyCommand keyCommand;
  private final IntConsumer exit;
  private volatile boolean shutDown;
  private volatile CompletableFuture<Void> keyReady = CompletableFuture.completedFuture(null);

  public ServerLifecycle(
      BackendStatus status, StatusPublisher publisher, ApiKeyCommand keyCommand, IntConsumer exit) {
    this.status = status;
    this.publisher = publisher;
    this.keyCommand = keyCommand;
    this.exit = exit;
  }

  void connect(EditorClient client) {
    publisher.connect(client);
  }

  /** {@code initialize}: watch the editor and apply the first settings. */
  void initialize(Integer processId) {
    watchEditor(processId);
    keyReady = applySettings();
  }

  /** {@code initialized}: now status may flow; the first status waits for the key. */
  void initialized() {
    keyReady.whenComplete((ignored, error) -> publisher.start());
  }

  /** The settings in force changed. */
  void settingsChanged() {
    keyReady = applySettings();
  }

  void markShutDown() {
    shutDown = true;
  }

  /** Whether {@code shutdown} was answered: the message guard refuses further work. */
  public boolean isShutDown() {
    return shutDown;
  }

  private CompletableFuture<Void> applySettings() {
    status.refresh();
    return keyCommand.refresh();
  }

  /** {@code apiKeyCommand} failed: say so once per failure reason, never with its output. */
  public static void reportKeyCommandFailure(UserNotifier notifier, String message) {
    notifier.showOnce("apiKeyCommand:" + message, MessageType.Error, message);
  }

  /**
   * Exits when the editor that started us dies, so no orphan server lingers (the editor may be
   * killed without closing our stdin, e.g. when our stdio is inherited by another process).
   */
  private void watchEditor(Integer processId) {
    // No editor to watch, or one that runs the server in its own process (tests do).
    if (processId == null || processId == ProcessHandle.current().pid()) {
      return;
    }
    Optional<ProcessHandle> editor = ProcessHandle.of(processId);
    if (editor.isEmpty()) {
      // Perhaps another PID namespace (a container): exiting now could kill a healthy session.
      LOG.log(
          Level.WARNING,
          "Editor process {0} is not visible from here: not watching it",
          String.valueOf(processId));
      return;
    }
    LOG.log(Level.DEBUG, "Watching editor process {0}", String.valueOf(processId));
    editor
        .get()
        .onExit()
        .thenRun(
            () -> {
              LOG.log(
                  Level.WARNING,
                  "The editor (process {0}) has exited: exiting too",
                  String.valueOf(processId));
              exit.accept(1);
            });
  }
}
