package codestral.lsp.protocol;

import codestral.lsp.Logging;
import codestral.lsp.app.ServerLauncher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server in this JVM, the way lemminx tests its own: {@link ServerLauncher#launch} on one end
 * of a pair of pipes, a real LSP4J client on the other, and a fake provider on loopback. Every byte
 * still goes through JSON-RPC; only what needs a process of its own (stdout purity, exit codes, the
 * launcher, key leaks to stdout and stderr, the editors) stays in protocol-tests.
 *
 * <p>What the server logs is kept ({@link #log()}) for the assertions a child process makes on its
 * stderr; unmasked, and with the test client's LSP4J lines, since JUL's loggers are the JVM's.
 * Closing hangs up both ends and waits until the server has stopped every thread it started, so the
 * tests of a run do not pile up threads.
 */
final class InProcessServer extends EditorConnection {
  private static final Logger ROOT_LOG = Logger.getLogger("");

  /** Held so the levels the server sets can be put back: JUL keeps loggers weakly. */
  private static final Logger LSP4J_LOG = Logger.getLogger("org.eclipse.lsp4j");

  private static final Logger OKHTTP_LOG = Logger.getLogger("okhttp3");

  // OS pipes, not PipedInputStream: that one reports a broken pipe once the last thread that wrote
  // to it has ended, and the server writes from pooled threads that come and go.
  private final Pipe toServer = Pipe.open();
  private final Pipe toClient = Pipe.open();
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private final LogCapture log = new LogCapture();
  private final OutputStream input = Channels.newOutputStream(toServer.sink());
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final Future<Void> served;

  private InProcessServer(Map<String, String> environment) throws IOException {
    log.start();
    // Main sets the level from the process's environment; here the environment is the test's map.
    Logging.setLevel(environment.get("CODESTRAL_LOG_LEVEL"));
    served =
        ServerLauncher.launch(
            Channels.newInputStream(toServer.source()),
            Channels.newOutputStream(toClient.sink()),
            environment,
            "0.0.0-test",
            exitCode::complete);
    connect(new CopyingInputStream(Channels.newInputStream(toClient.source()), output), input);
  }

  /** A server whose Codestral is {@code fake}. */
  static InProcessServer startAgainst(FakeCodestral fake) throws IOException {
    return start(
        Map.of("CODESTRAL_API_KEY", FakeCodestral.KEY, "CODESTRAL_ENDPOINT", fake.endpoint()));
  }

  /** A server with this environment (the test's own {@code CODESTRAL_*} variables are not seen). */
  static InProcessServer start(Map<String, String> environment) throws IOException {
    return new InProcessServer(environment);
  }

  /** {@code shutdown} then {@code exit}; the exit code the server asked for. */
  int shutdownAndExit() {
    await(server().shutdown());
    server().exit();
    return waitForExit();
  }

  /** The exit code the server asks for (after {@code exit}, or when the editor's process ends). */
  int waitForExit() {
    return await(exitCode);
  }

  /** Whether the server has not asked to exit. */
  @Override
  boolean isAlive() {
    return !exitCode.isDone();
  }

  /** Every line the server logged so far, as its stderr would show them (without the time). */
  String log() {
    return log.text();
  }

  /**
   * The server's input, for writing raw bytes past the LSP4J client (malformed frames). Only while
   * the client is not writing: it has no lock in common with this stream.
   */
  OutputStream rawInput() {
    return input;
  }

  /** Everything the server wrote so far (the JSON-RPC stream). */
  String output() {
    synchronized (output) {
      return output.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Waits (up to the timeout) until the server has logged {@code text}, as a condition, not a
   * delay.
   */
  void awaitLog(String text) throws InterruptedException {
    log.await(text);
  }

  /**
   * Hangs up the server's input, as when an editor quits, and waits until the server has stopped
   * its threads; then the client's.
   */
  @Override
  public void close() {
    try {
      toServer.sink().close();
      served.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      toClient.sink().close();
      disconnect();
      toServer.source().close();
      toClient.source().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new AssertionError("the server did not stop after its input ended: " + e, e);
    } finally {
      log.stop();
    }
  }

  /**
   * The server's log lines while it runs, and the levels it may change ({@code codestral.logLevel})
   * put back afterwards, since every server of the run shares this JVM's loggers.
   */
  private static final class LogCapture extends Handler {
    private final StringBuilder lines = new StringBuilder();
    private Level rootLevel;
    private Level lsp4jLevel;
    private Level okhttpLevel;

    LogCapture() {
      setFormatter(
          new Formatter() {
            @Override
            public String format(LogRecord record) {
              String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
              String line =
                  record.getLevel().getName()
                      + " "
                      + logger.substring(logger.lastIndexOf('.') + 1)
                      + ": "
                      + formatMessage(record)
                      + System.lineSeparator();
              return record.getThrown() == null
                  ? line
                  : line + "  " + record.getThrown() + System.lineSeparator();
            }
          });
    }

    void start() {
      rootLevel = ROOT_LOG.getLevel();
      lsp4jLevel = LSP4J_LOG.getLevel();
      okhttpLevel = OKHTTP_LOG.getLevel();
      ROOT_LOG.addHandler(this);
    }

    void stop() {
      ROOT_LOG.removeHandler(this);
      Logging.traceTo(null, false);
      ROOT_LOG.setLevel(rootLevel);
      LSP4J_LOG.setLevel(lsp4jLevel);
      OKHTTP_LOG.setLevel(okhttpLevel);
    }

    synchronized String text() {
      return lines.toString();
    }

    synchronized void await(String text) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (lines.indexOf(text) < 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("the server never logged: " + text);
        }
        wait(left);
      }
    }

    @Override
    public synchronized void publish(LogRecord record) {
      if (isLoggable(record)) {
        lines.append(getFormatter().format(record));
        notifyAll();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
