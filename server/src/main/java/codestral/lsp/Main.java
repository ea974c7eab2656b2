package codestral.lsp;

import codestral.lsp.app.ServerLauncher;
import codestral.lsp.cli.Cli;
import codestral.lsp.cli.ProcessEntry;
import codestral.lsp.cli.Version;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Process entry. With no arguments or {@code --stdio} it serves LSP on stdio; every other
 * invocation goes through {@link Cli}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || (args.length == 1 && "--stdio".equals(args[0]))) {
      serve(true);
      return;
    }
    // The real stdout, taken before a server mode could point System.out elsewhere.
    PrintStream out = System.out;
    int code = Cli.run(args, System.getenv(), out, System.err, new StdioProcess());
    out.flush();
    System.err.flush();
    // OkHttp keeps non-daemon threads alive for a minute after the last call: end now.
    System.exit(code);
  }

  /**
   * Serves LSP on stdio until the editor exits or hangs up; never returns. stdout is the JSON-RPC
   * channel: it is taken for the protocol, then System.out is pointed at stderr so a stray print
   * anywhere can never corrupt the stream. The log is configured here ({@code configureLog}) when
   * the command line has not configured it already.
   */
  private static void serve(boolean configureLog) {
    OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
    InputStream protocolIn = new FileInputStream(FileDescriptor.in);
    System.setOut(System.err);
    if (stdinIsATerminal()) {
      System.err.println(
          "codestral-lsp speaks the Language Server Protocol on stdin/stdout and is meant to be"
              + " started by an editor. To check the set-up (key, endpoint, a one-token completion),"
              + " run: codestral-lsp check. Ctrl-D ends this.");
    }
    if (configureLog) {
      Logging.configure(chosenLevel(null, "info"), System.err);
    }
    var listening =
        ServerLauncher.launch(
            protocolIn, protocolOut, System.getenv(), Version.current(), Main::exit);
    try {
      listening.get();
    } catch (Exception e) {
      // The stream broke: the editor is gone.
    }
    // Input closed without an exit notification: the editor died or hung up.
    exit(1);
  }

  /**
   * Whether a person started the server by hand in a terminal, rather than an editor with a pipe.
   * Linux tells it by where fd 0 points (one readlink, nothing loaded); elsewhere Java 17-21's
   * {@code System.console()} is non-null only when stdin and stdout are both terminals.
   */
  private static boolean stdinIsATerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return Runtime.version().feature() < 22 && System.console() != null;
    }
  }

  /**
   * Points the log at {@code file} (appending) or stderr, at {@code level}, else {@code
   * CODESTRAL_LOG_LEVEL}, else {@code defaultLevel}.
   */
  private static void configureLogging(String level, Path file, String defaultLevel)
      throws IOException {
    PrintStream target = System.err;
    if (file != null) {
      OutputStream stream =
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      target = new PrintStream(stream, true, StandardCharsets.UTF_8);
    }
    Logging.configure(chosenLevel(level, defaultLevel), target);
  }

  /** {@code level}, else {@code CODESTRAL_LOG_LEVEL}, else {@code defaultLevel}. */
  private static String chosenLevel(String level, String defaultLevel) {
    String chosen = level;
    if (chosen == null || chosen.isBlank()) {
      chosen = System.getenv("CODESTRAL_LOG_LEVEL");
    }
    if (chosen == null || chosen.isBlank()) {
      chosen = defaultLevel;
    }
    return chosen;
  }

  private static void exit(int code) {
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /** What the command line asks of the process. */
  private static final class StdioProcess implements ProcessEntry {
    @Override
    public void configureLogging(String level, Path file, String defaultLevel) throws IOException {
      Main.configureLogging(level, file, defaultLevel);
    }

    @Override
    public void serve() {
      Main.serve(false);
    }
  }
}
