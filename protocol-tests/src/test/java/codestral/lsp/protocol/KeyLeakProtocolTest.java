package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.SetTraceParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the server at trace level, with traces sent to the client, through every path that handles
 * the key (a refused key, a key pasted into the endpoint URL and its user-info, a bad setting that
 * echoes its value, a malformed message quoting it), then searches every byte the server wrote —
 * stdout, stderr and every file in its working directory — for the key.
 */
class KeyLeakProtocolTest {
  private static final String CANARY = "sk-canary-7Q2xZ9LmW4pR8vT1";
  private static final String URI = "file:///work/project/secret.py";

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void theKeyIsInNothingTheServerWritesEvenAtTraceLevel(@TempDir Path directory) throws Exception {
    Map<String, String> environment =
        Map.of(
            "CODESTRAL_API_KEY",
            CANARY,
            "CODESTRAL_ENDPOINT",
            fake.endpoint(),
            "CODESTRAL_LOG_LEVEL",
            "trace");
    try (ServerProcess lsp = ServerProcess.startIn(environment, directory)) {
      InitializeParams params = new InitializeParams();
      params.setProcessId((int) ProcessHandle.current().pid());
      params.setCapabilities(new ClientCapabilities());
      params.setTrace("verbose");
      params.setInitializationOptions(Map.of("codestral", Map.of("logLevel", "trace")));
      lsp.initialize(params);
      lsp.open(URI, "python", "token = \"\"\nx = ");

      // The fake refuses this key: 401, told to the user with the endpoint.
      lsp.inline(URI, 1, 4);
      lsp.client.awaitStatus("unauthorized", 0);

      // The key pasted into the endpoint's path, then into its user-info.
      settings(lsp, Map.of("endpoint", fake.endpoint() + "/" + CANARY + "/proxy"));
      lsp.inline(URI, 1, 4);
      settings(
          lsp,
          Map.of("endpoint", fake.endpoint().replace("http://", "http://user:" + CANARY + "@")));
      lsp.inline(URI, 1, 4);
      // A setting that is reported with its value, and a key of the wrong type.
      settings(lsp, Map.of("endpoint", "ftp://" + CANARY + ".example"));
      settings(lsp, Map.of("apiKey", List.of(CANARY)));
      // A malformed message quoting the key, straight onto stdin.
      String broken =
          "{\"jsonrpc\":\"2.0\",\"id\":\"leak\",\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":{\"uri\":\""
              + CANARY
              + "\"},\"position\":\""
              + CANARY
              + "\"}";
      byte[] body = broken.getBytes(StandardCharsets.UTF_8);
      lsp.rawInput()
          .write(
              ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      lsp.rawInput().write(body);
      lsp.rawInput().flush();
      lsp.server().setTrace(new SetTraceParams("verbose"));
      lsp.inline(URI, 1, 4);
      lsp.shutdownAndExit();

      String written = lsp.stdout() + lsp.stderr();
      assertThat(written).doesNotContain(CANARY);
      // The search was not vacuous: masking happened, traces went to the client, prompts were
      // traced.
      assertThat(written).contains("[redacted]");
      assertThat(lsp.client.traces).isNotEmpty();
      assertThat(String.join("\n", lsp.client.traces))
          .contains("prompt: token")
          .doesNotContain(CANARY);
      assertThat(lsp.client.shownMessages).isNotEmpty();
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
              .as(file.toString())
              .doesNotContain(CANARY);
        }
      }
    }
  }

  /**
   * From FaultsProtocolTest (now in-process): what the command printed, to stdout or stderr, is
   * nowhere in the server's.
   */
  @Test
  void aFailingApiKeyCommandIsReportedWithoutItsOutput() throws Exception {
    try (ServerProcess lsp = ServerProcess.start(Map.of("CODESTRAL_ENDPOINT", fake.endpoint()))) {
      lsp.initialize(
          List.of("utf-16"),
          Map.of(
              "codestral",
              Map.of(
                  "apiKeyCommand", "echo printed-secret-material; echo more-secret >&2; exit 3")));
      List<MessageParams> shown = lsp.client.awaitShownMessages(2);
      assertThat(shown)
          .extracting(MessageParams::getMessage)
          .anySatisfy(
              message ->
                  assertThat(message).contains("codestral.apiKeyCommand").contains("exit code 3"));
      lsp.client.awaitStatus("unauthorized", 0);
      assertThat(lsp.stdout() + lsp.stderr())
          .doesNotContain("printed-secret-material")
          .doesNotContain("more-secret");
    }
  }

  private static void settings(ServerProcess lsp, Map<String, Object> section) {
    lsp.server()
        .getWorkspaceService()
        .didChangeConfiguration(new DidChangeConfigurationParams(Map.of("codestral", section)));
  }
}
