package codestral.lsp;

import codestral.lsp.cli.Cli;
import codestral.lsp.cli.Host;
import codestral.lsp.cli.Version;
import codestral.lsp.lsp.EarlyInitialize;
import codestral.lsp.lsp.ServerLauncher;
import codestral.lsp.lsp.StartupPreload;
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
 * Process entry. With no arguments or {@code --stdio} it serves LSP on stdio at once, without
 * building the command-line model: editors start the server often, and that path must stay as
 * short as the JVM allows. Every other invocation goes through {@link Cli}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || (args.length == 1 && "--stdio".equals(args[0]))) {
      StartupPreload preload = ServerLauncher.preload();
      Stdio stdio = Stdio.take();
      // The editor's wait ends here; the log and the server are set up after.
      String version = Version.current();
      EarlyInitialize first = EarlyInitialize.answer(stdio.in, stdio.out, version);
      configureLogging(null, null, "info");
      serve(preload, stdio, first, version);
      return;
    }
    // The real stdout, taken before a server mode could point System.out elsewhere.
    PrintStream out = System.out;
    int code = Cli.run(args, System.getenv(), out, System.err, new ProcessHost());
    out.flush();
    System.err.flush();
    // OkHttp keeps non-daemon threads alive for a minute after the last call: end now.
    System.exit(code);
  }

  /** Serves LSP on stdio until the editor exits or hangs up; never returns. */
  private static void serve(StartupPreload preload, Stdio stdio, EarlyInitialize first, String version) {
    var listening = ServerLauncher.launch(first, stdio.out, System.getenv(), version, Main::exit, preload);
    try {
      listening.get();
    } catch (Exception e) {
      // The stream broke: the editor is gone.
    }
    // Input closed without an exit notification: the editor died or hung up.
    exit(1);
  }

  /**
   * Points the log at {@code file} (appending) or stderr, at {@code level}, else {@code
   * CODESTRAL_LOG_LEVEL}, else {@code defaultLevel}.
   */
  private static void configureLogging(String level, Path file, String defaultLevel)
      throws IOException {
    String chosen = level;
    if (chosen == null || chosen.isBlank()) {
      chosen = System.getenv("CODESTRAL_LOG_LEVEL");
    }
    if (chosen == null || chosen.isBlank()) {
      chosen = defaultLevel;
    }
    PrintStream target = System.err;
    if (file != null) {
      OutputStream stream =
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      target = new PrintStream(stream, true, StandardCharsets.UTF_8);
    }
    Logging.configure(chosen, target);
  }

  private static void exit(int code) {
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /** What the command line asks of the process. */
  private static final class ProcessHost implements Host {
    @Override
    public void configureLogging(String level, Path file, String defaultLevel) throws IOException {
      Main.configureLogging(level, file, defaultLevel);
    }

    @Override
    public void serve() {
      StartupPreload preload = ServerLauncher.preload();
      Stdio stdio = Stdio.take();
      String version = Version.current();
      Main.serve(preload, stdio, EarlyInitialize.answer(stdio.in, stdio.out, version), version);
    }
  }

  /**
   * The protocol's streams. stdout is the JSON-RPC channel: it is taken for the protocol, then
   * System.out is pointed at stderr so a stray print anywhere can never corrupt the stream.
   */
  private static final class Stdio {
    final InputStream in;
    final OutputStream out;

    private Stdio(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    static Stdio take() {
      Stdio stdio = new Stdio(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
      System.setOut(System.err);
      return stdio;
    }
  }
}
