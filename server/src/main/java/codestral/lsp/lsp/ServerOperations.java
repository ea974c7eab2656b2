package codestral.lsp.lsp;

import codestral.lsp.Logging;
import codestral.lsp.backend.BackendStatus;
import codestral.lsp.config.ApiKeyCommand;
import codestral.lsp.config.CurrentSettings;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.LogTraceParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.TraceValue;

/**
 * What keeps the server honest with its user while it runs, apart from features: the status it
 * reports, the log level and traces, the key from {@code apiKeyCommand}, the lifecycle after {@code
 * shutdown}, and watching the editor's process. {@link CodestralLanguageServer} calls it at each
 * step of the lifecycle; it holds no LSP business beyond that.
 */
final class ServerOperations {
  private static final Logger LOG = System.getLogger(ServerOperations.class.getName());

  private final CurrentSettings settings;
  private final BackendStatus status;
  private final StatusPublisher publisher;
  private final ApiKeyCommand keyCommand;
  private final IntConsumer exit;
  private volatile EditorClient client;
  private volatile boolean shutDown;
  private volatile boolean initialized;
  private volatile String trace = TraceValue.Off;
  private volatile CompletableFuture<Void> keyReady = CompletableFuture.completedFuture(null);

  ServerOperations(
      CurrentSettings settings,
      BackendStatus status,
      StatusPublisher publisher,
      ApiKeyCommand keyCommand,
      IntConsumer exit) {
    this.settings = settings;
    this.status = status;
    this.publisher = publisher;
    this.keyCommand = keyCommand;
    this.exit = exit;
  }

  void connect(EditorClient client) {
    this.client = client;
    publisher.connect(client);
  }

  /** {@code initialize}: watch the editor, remember the trace level, apply the first settings. */
  void initialize(Integer processId, String traceValue) {
    watchEditor(processId);
    trace = traceValue == null ? TraceValue.Off : traceValue;
    keyReady = applySettings();
  }

  /** {@code initialized}: now status and traces may flow; the first status waits for the key. */
  void initialized() {
    initialized = true;
    applyTrace();
    keyReady.whenComplete((ignored, error) -> publisher.start());
  }

  /** The settings in force changed. */
  void settingsChanged() {
    keyReady = applySettings();
  }

  void setTrace(String value) {
    trace = value == null ? TraceValue.Off : value;
    if (initialized) {
      applyTrace();
    }
  }

  void markShutDown() {
    shutDown = true;
  }

  boolean isShutDown() {
    return shutDown;
  }

  private CompletableFuture<Void> applySettings() {
    Logging.setLevel(settings.get().operations().logLevel());
    status.refresh();
    return keyCommand.refresh();
  }

  private void applyTrace() {
    EditorClient target = client;
    if (target == null || TraceValue.Off.equals(trace)) {
      Logging.traceTo(null, false);
    } else {
      Logging.traceTo(line -> target.logTrace(new LogTraceParams(line)), TraceValue.Verbose.equals(trace));
    }
  }

  /** {@code apiKeyCommand} failed: say so once per failure reason, never with its output. */
  static void reportKeyCommandFailure(UserNotifier notifier, String message) {
    notifier.showOnce("apiKeyCommand:" + message, MessageType.Error, message);
  }

  /**
   * Exits when the editor that started us dies, so no orphan server lingers (the editor may be
   * killed without closing our stdin, e.g. when our stdio is inherited by another process).
   */
  private void watchEditor(Integer processId) {
    if (processId == null) {
      return;
    }
    Optional<ProcessHandle> editor = ProcessHandle.of(processId);
    if (editor.isEmpty()) {
      // Perhaps another PID namespace (a container): exiting now could kill a healthy session.
      LOG.log(Level.WARNING, "Editor process {0} is not visible from here: not watching it", String.valueOf(processId));
      return;
    }
    LOG.log(Level.DEBUG, "Watching editor process {0}", String.valueOf(processId));
    editor.get().onExit().thenRun(() -> {
      LOG.log(Level.WARNING, "The editor (process {0}) has exited: exiting too", String.valueOf(processId));
      exit.accept(1);
    });
  }
}
