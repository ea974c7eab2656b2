package codestral.lsp.lsp;

import codestral.lsp.Logging;
import codestral.lsp.config.CurrentSettings;
import org.eclipse.lsp4j.LogTraceParams;
import org.eclipse.lsp4j.TraceValue;

/**
 * Where the server's log goes while it runs: the level from {@code codestral.operations.logLevel},
 * and the editor's {@code $/logTrace} once the editor asked for traces and is initialized.
 */
public final class ServerLog {
  private final CurrentSettings settings;
  private volatile EditorClient client;
  private volatile boolean initialized;
  private volatile String trace = TraceValue.Off;

  public ServerLog(CurrentSettings settings) {
    this.settings = settings;
  }

  void connect(EditorClient client) {
    this.client = client;
  }

  /** The settings in force changed: the log level follows. */
  void settingsChanged() {
    Logging.setLevel(settings.get().operations().logLevel());
  }

  /** {@code initialized}: traces may flow now. */
  void initialized() {
    initialized = true;
    applyTrace();
  }

  /** {@code initialize}'s {@code trace} or {@code $/setTrace}. */
  void setTrace(String value) {
    trace = value == null ? TraceValue.Off : value;
    if (initialized) {
      applyTrace();
    }
  }

  private void applyTrace() {
    EditorClient target = client;
    if (target == null || TraceValue.Off.equals(trace)) {
      Logging.traceTo(null, false);
    } else {
      Logging.traceTo(
          line -> target.logTrace(new LogTraceParams(line)), TraceValue.Verbose.equals(trace));
    }
  }
}
