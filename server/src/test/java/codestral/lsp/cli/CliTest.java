package codestral.lsp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final RecordingProcess process = new RecordingProcess();
  private final Map<String, String> environment = new HashMap<>();

  @TempDir Path folder;

  /** Records what the command line asked of the process instead of doing it. */
  static final class RecordingProcess implements ProcessEntry {
    final List<String> logging = new ArrayList<>();
    int serves;

    @Override
    public void configureLogging(String level, Path file, String defaultLevel) {
      logging.add(level + "|" + file + "|" + defaultLevel);
    }

    @Override
    public void serve() {
      serves++;
    }
  }

  private int run(String... args) {
    return Cli.run(
        args,
        environment,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        process);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void stdioWithLogOptionsServesWithThoseOptions() {
    int code = run("--stdio", "--log-level", "DEBUG", "--log-file", "server.log");

    assertThat(code).isZero();
    assertThat(process.serves).isEqualTo(1);
    assertThat(process.logging).containsExactly("debug|server.log|info");
    assertThat(out()).isEmpty();
  }

  @Test
  void noArgumentsServeAtTheDefaultLevel() {
    assertThat(run()).isZero();

    assertThat(process.serves).isEqualTo(1);
    assertThat(process.logging).containsExactly("null|null|info");
  }

  @Test
  void versionPrintsTheVersionAndDoesNotServe() {
    assertThat(run("--version")).isZero();

    assertThat(out()).startsWith("codestral-lsp ").contains("Java ");
    assertThat(process.serves).isZero();
  }

  @Test
  void helpNamesEveryCommandAndOption() {
    assertThat(run("--help")).isZero();

    assertThat(out())
        .contains("check", "complete", "--stdio", "--log-level", "--log-file", "--version");
    assertThat(process.serves).isZero();
  }

  @Test
  void helpAsACommandPrintsTheSameAsTheOption() {
    assertThat(run("--help")).isZero();
    String option = out();
    out.reset();

    assertThat(run("help")).isZero();

    assertThat(out()).isEqualTo(option);
    assertThat(process.serves).isZero();
  }

  @Test
  void completeOfAMissingFileSaysTheFileIsMissing() {
    String missing = folder.resolve("missing.py").toString();

    assertThat(run("complete", missing, "--line", "1", "--column", "1")).isEqualTo(Cli.FAILED);

    assertThat(err())
        .isEqualTo("codestral-lsp: " + missing + ": no such file" + System.lineSeparator());
    assertThat(out()).isEmpty();
  }

  @Test
  void completeHelpSaysLinesAndColumnsAreOneBased() {
    assertThat(run("complete", "--help")).isZero();

    assertThat(out()).contains("--line", "--column", "1-based");
  }

  @Test
  void anUnknownOptionIsAUsageErrorOnStderr() {
    assertThat(run("--frobnicate")).isEqualTo(Cli.USAGE);

    assertThat(err()).contains("Unknown option: '--frobnicate'").contains("--help");
    assertThat(out()).isEmpty();
    assertThat(process.serves).isZero();
  }

  @Test
  void anUnknownLogLevelIsAUsageError() {
    assertThat(run("--log-level", "loud")).isEqualTo(Cli.USAGE);

    assertThat(err()).contains("--log-level must be one of");
    assertThat(process.serves).isZero();
  }

  @Test
  void completeWithoutAPositionIsAUsageError() throws Exception {
    Path file = Files.writeString(folder.resolve("a.py"), "x = 1\n");

    assertThat(run("complete", file.toString())).isEqualTo(Cli.USAGE);

    assertThat(err()).contains("--line").contains("--column");
  }

  @Test
  void logOptionsBeforeTheCommandApplyToIt() {
    run("--log-file", "before.log", "check", "--log-level", "trace");

    assertThat(process.logging).containsExactly("trace|before.log|warn");
  }

  @Test
  void checkWithoutAKeyFailsWithoutCallingAnything() {
    assertThat(run("check")).isEqualTo(Cli.FAILED);

    assertThat(out()).contains("key", "FAIL", "CODESTRAL_API_KEY");
  }

  @Test
  void completeRejectsALineOutsideTheFile() throws Exception {
    Path file = Files.writeString(folder.resolve("a.py"), "x = 1\ny = 2\n");

    assertThat(run("complete", file.toString(), "--line", "9", "--column", "1"))
        .isEqualTo(Cli.USAGE);

    assertThat(err()).contains("--line 9 is outside");
  }

  @Test
  void completeRejectsAColumnPastTheEndOfTheLine() throws Exception {
    Path file = Files.writeString(folder.resolve("a.py"), "x = 1\n");

    assertThat(run("complete", file.toString(), "--line", "1", "--column", "7"))
        .isEqualTo(Cli.USAGE);

    assertThat(err()).contains("--column 7 is outside line 1, which has 5 characters");
  }

  @Test
  void completeOfAMissingFileSaysSoInOneLine() {
    int code =
        run("complete", folder.resolve("missing.py").toString(), "--line", "1", "--column", "1");

    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(err()).startsWith("codestral-lsp: ").contains("missing.py");
  }

  @Test
  void completePrintsTheSuggestionForTheOneBasedPosition() throws Exception {
    // def add(a, b):
    //     return |
    Path file = Files.writeString(folder.resolve("add.py"), "def add(a, b):\n    return \n");
    try (MockWebServer codestral = new MockWebServer()) {
      codestral.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody(
                  "{\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                      + "\"content\":\"a + b\"},\"finish_reason\":\"stop\"}]}"));
      environment.put("CODESTRAL_API_KEY", "unit-test-key");
      environment.put("CODESTRAL_ENDPOINT", codestral.url("/").toString());

      int code = run("complete", file.toString(), "--line", "2", "--column", "12");

      assertThat(err()).isEmpty();
      assertThat(code).isZero();
      assertThat(out()).isEqualTo("a + b" + System.lineSeparator());
      RecordedRequest request = codestral.takeRequest();
      assertThat(request.getPath()).isEqualTo("/v1/fim/completions");
      String body = request.getBody().readUtf8();
      assertThat(body)
          .contains("\"prompt\":\"def add(a, b):\\n    return \"")
          .contains("\"suffix\":\"\\n\"");
    }
  }

  @Test
  void completeExplainsABackendFailureOnStderr() throws Exception {
    Path file = Files.writeString(folder.resolve("add.py"), "x = \n");
    try (MockWebServer codestral = new MockWebServer()) {
      codestral.enqueue(
          new MockResponse().setResponseCode(401).setBody("{\"message\":\"Unauthorized\"}"));
      environment.put("CODESTRAL_API_KEY", "unit-test-key");
      environment.put("CODESTRAL_ENDPOINT", codestral.url("/").toString());

      int code = run("complete", file.toString(), "--line", "1", "--column", "5");

      assertThat(code).isEqualTo(Cli.FAILED);
      assertThat(out()).isEmpty();
      assertThat(err())
          .contains("rejected the API key")
          .contains("codestral-lsp check")
          .doesNotContain("unit-test-key");
    }
  }

  @Test
  void theLanguageIdComesFromTheExtension() {
    assertThat(CompleteCommand.languageId(Path.of("a/b.py"))).isEqualTo("python");
    assertThat(CompleteCommand.languageId(Path.of("Main.java"))).isEqualTo("java");
    assertThat(CompleteCommand.languageId(Path.of("Makefile"))).isEqualTo("plaintext");
  }
}
