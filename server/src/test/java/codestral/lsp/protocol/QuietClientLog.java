package codestral.lsp.protocol;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Silences the test's own LSP4J client for each test, then restores its level: tests that write raw
 * bytes make the server answer requests the client never sent, and the client logs each one.
 * In-process the server's LSP4J is silenced too: both log through the same JUL logger. Register
 * with {@code @RegisterExtension}.
 */
final class QuietClientLog implements BeforeEachCallback, AfterEachCallback {
  /** Held so the level sticks: JUL keeps loggers weakly. */
  private static final Logger CLIENT_LOG = Logger.getLogger("org.eclipse.lsp4j");

  private Level before;

  @Override
  public void beforeEach(ExtensionContext context) {
    before = CLIENT_LOG.getLevel();
    CLIENT_LOG.setLevel(Level.OFF);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    CLIENT_LOG.setLevel(before);
  }
}
