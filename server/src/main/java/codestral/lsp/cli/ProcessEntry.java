package codestral.lsp.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What only the process entry can do, handed to the command line so that it can be tested without
 * starting a server or touching the process's global logging.
 */
public interface ProcessEntry {

  /**
   * Sends log records to {@code file} (appending; stderr when null) at {@code level}; when level is
   * null, at {@code CODESTRAL_LOG_LEVEL}, else at {@code defaultLevel}.
   *
   * @throws IOException when the file cannot be opened
   */
  void configureLogging(String level, Path file, String defaultLevel) throws IOException;

  /** Serves LSP on stdio until the editor exits or hangs up. */
  void serve();
}
