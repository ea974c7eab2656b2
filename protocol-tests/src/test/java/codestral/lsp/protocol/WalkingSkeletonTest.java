package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The thinnest whole path: editor → server → Codestral → editor, through the real jar, and what
 * only a process shows: stdout carries nothing but JSON-RPC, and the exit codes. What the server
 * does with the editor's messages is tested in-process (server module, EditorBasicsProtocolTest).
 */
class WalkingSkeletonTest {
  private static final String URI = "file:///work/project/main.py";

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void shutdownThenExitEndsWithZero() throws Exception {
    try (ServerProcess lsp = ServerProcess.startAgainst(fake)) {
      lsp.initialize();
      assertThat(lsp.shutdownAndExit()).isZero();
    }
  }

  @Test
  void exitWithoutShutdownEndsWithOne() throws Exception {
    try (ServerProcess lsp = ServerProcess.startAgainst(fake)) {
      lsp.initialize();
      lsp.server().exit();
      assertThat(lsp.waitForExit()).isEqualTo(1);
    }
  }

  @Test
  void stdoutCarriesOnlyJsonRpc() throws Exception {
    try (ServerProcess lsp = ServerProcess.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "x = ");
      lsp.inline(URI, 0, 4);
      lsp.shutdownAndExit();
      String stdout = lsp.stdout();
      // Every byte is part of a "Content-Length: N\r\n\r\n{json}" frame.
      int index = 0;
      while (index < stdout.length()) {
        assertThat(stdout.startsWith("Content-Length: ", index)).as("frame at %d", index).isTrue();
        int headerEnd = stdout.indexOf("\r\n\r\n", index);
        int length =
            Integer.parseInt(stdout.substring(index + 16, stdout.indexOf("\r\n", index)).trim());
        int bodyStart = headerEnd + 4;
        byte[] rest = stdout.substring(bodyStart).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String body = new String(rest, 0, length, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).startsWith("{").endsWith("}");
        index = bodyStart + body.length();
      }
    }
  }
}
