package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar's command line: what a user types in a terminal. */
class CommandLineTest {
  private FakeCodestral fake;

  @TempDir Path folder;

  @BeforeEach
  void startFake() throws Exception {
    fake = new FakeCodestral();
  }

  @AfterEach
  void stopFake() throws Exception {
    fake.close();
  }

  private Map<String, String> validKey() {
    return Map.of("CODESTRAL_API_KEY", FakeCodestral.KEY, "CODESTRAL_ENDPOINT", fake.endpoint());
  }

  @Test
  void versionPrintsTheProjectVersionAndExitsZero() throws Exception {
    CommandRun run = CommandRun.jar(Map.of(), "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).matches("(?s)codestral-lsp \\d+\\.\\d+\\.\\d+.*\\R.*Java .*");
  }

  @Test
  void helpListsTheCommandsAndExitsZero() throws Exception {
    CommandRun run = CommandRun.jar(Map.of(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("Usage: codestral-lsp", "check", "complete", "--log-level", "--log-file");
  }

  @Test
  void anUnknownCommandExitsTwoAndPrintsNothingOnStdout() throws Exception {
    CommandRun run = CommandRun.jar(Map.of(), "frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("frobnicate");
  }

  @Test
  void checkPassesAgainstTheFakeWithAOneTokenCall() throws Exception {
    CommandRun run = CommandRun.jar(validKey(), "check");

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("completion ok", "All checks passed.");
    FakeCodestral.Received request = fake.takeRequest();
    assertThat(request.path()).isEqualTo("/v1/fim/completions");
    assertThat(request.body().path("max_tokens").asInt()).isEqualTo(1);
  }

  @Test
  void anEndpointWithTheApisV1IsCalledAtItsBaseAndTheUserIsToldOnce() throws Exception {
    CommandRun run =
        CommandRun.jar(
            Map.of(
                "CODESTRAL_API_KEY",
                FakeCodestral.KEY,
                "CODESTRAL_ENDPOINT",
                fake.endpoint() + "/v1/"),
            "check");

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(fake.takeRequest().path()).isEqualTo("/v1/fim/completions");
    assertThat(run.stderr().split("ends with /v1", -1)).as(run.stderr()).hasSize(2);
  }

  @Test
  @org.junit.jupiter.api.Timeout(120) // a guard: without the notice, the read would wait for ever
  void theServerStartedByHandInATerminalSaysItSpeaksLspAndHowToCheck() throws Exception {
    Path script = Path.of("/usr/bin/script");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(script), "util-linux script gives a terminal");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // script(1) runs the server with a pseudo-terminal as its stdin, stdout and stderr.
    ProcessBuilder builder =
        new ProcessBuilder(
            script.toString(),
            "-qec",
            "'" + java + "' -jar '" + ServerProcess.jar() + "'",
            "/dev/null");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    try (var lines =
        new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
      String line;
      do {
        line = lines.readLine();
      } while (line != null && !line.contains("Language Server Protocol"));
      assertThat(line)
          .as("the notice on the terminal")
          .isNotNull()
          .contains("stdin/stdout", "codestral-lsp check");
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  void theServerStartedByAnEditorOnAPipeSaysNothingAboutTerminals() throws Exception {
    CommandRun run = CommandRun.jar(Map.of());

    assertThat(run.stderr()).doesNotContain("Language Server Protocol");
  }

  @Test
  void checkWithAWrongKeyExitsOneWithTheDiagnosis() throws Exception {
    CommandRun run =
        CommandRun.jar(
            Map.of("CODESTRAL_API_KEY", "not-the-key", "CODESTRAL_ENDPOINT", fake.endpoint()),
            "check");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .contains(
            "completion FAIL  HTTP 401", "the key (CODESTRAL_API_KEY) was refused", "Check failed")
        .doesNotContain("not-the-key");
  }

  @Test
  void checkWithoutAKeyExitsOne() throws Exception {
    CommandRun run = CommandRun.jar(Map.of("CODESTRAL_ENDPOINT", fake.endpoint()), "check");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("no API key is set");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void completePrintsTheFakesCompletionForTheFilePosition() throws Exception {
    // def add(a, b):
    //     return |
    Path file = Files.writeString(folder.resolve("add.py"), "def add(a, b):\n    return \n");
    fake.enqueueCompletion("a + b");

    CommandRun run =
        CommandRun.jar(validKey(), "complete", file.toString(), "--line", "2", "--column", "12");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo("a + b" + System.lineSeparator());
    FakeCodestral.Received request = fake.takeRequest();
    assertThat(request.prompt()).isEqualTo("def add(a, b):\n    return ");
    assertThat(request.suffix()).isEqualTo("\n");
  }

  @Test
  void logFileReceivesTheLogInsteadOfStderr() throws Exception {
    Path file = Files.writeString(folder.resolve("add.py"), "x = \n");
    Path log = folder.resolve("codestral.log");

    CommandRun run =
        CommandRun.jar(
            validKey(),
            "--log-file",
            log.toString(),
            "--log-level",
            "debug",
            "complete",
            file.toString(),
            "--line",
            "1",
            "--column",
            "5");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).isEmpty();
    assertThat(Files.readString(log)).contains("FINE").contains("Completion for");
  }
}
