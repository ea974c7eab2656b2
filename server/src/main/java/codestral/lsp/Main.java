package codestral.lsp;

import codestral.lsp.lsp.ServerLauncher;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Properties;

/** Process entry: serves LSP on stdio. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
      System.out.println("codestral-lsp " + version());
      return;
    }
    // stdout is the JSON-RPC channel: take it for the protocol, then point System.out at stderr so
    // a stray print anywhere can never corrupt the stream.
    OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
    InputStream protocolIn = new FileInputStream(FileDescriptor.in);
    System.setOut(System.err);
    Logging.configure(System.getenv("CODESTRAL_LOG_LEVEL"), System.err);

    var listening =
        ServerLauncher.launch(protocolIn, protocolOut, System.getenv(), version(), Main::exit);
    try {
      listening.get();
    } catch (Exception e) {
      // The stream broke: the editor is gone.
    }
    // Input closed without an exit notification: the editor died or hung up.
    exit(1);
  }

  private static void exit(int code) {
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/codestral-lsp.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Fall through to "unknown": the version is informational.
    }
    return properties.getProperty("version", "unknown");
  }
}
