package codestral.lsp.protocol;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real editor (Neovim, Emacs, code-server…) as a child process against the built jar and a
 * {@link FakeCodestral}, for the editor tests. The editors come from {@code editors/ci/install.sh},
 * which puts them under {@link #home()}; a test whose editor is missing is skipped with an
 * assumption that names the install command, so a build without editors stays green while CI, which
 * installs them, runs them for real.
 *
 * <p>The child's output goes to a file, never to a pipe nobody reads (a full pipe would hang the
 * editor), and is kept in the result for the assertion message.
 */
final class EditorRun {
  /** How long one editor session may take before it is killed and the test fails. */
  static final long TIMEOUT_SECONDS = 120;

  /** What the editor did: its exit code and everything it printed. */
  record Result(int exitCode, String output) {}

  private EditorRun() {}

  /** Where editors/ci/install.sh installs the editors. */
  static Path home() {
    String configured = System.getenv("CODESTRAL_EDITORS_HOME");
    return Path.of(
        configured != null && !configured.isBlank() ? configured : "/tmp/codestral-editors");
  }

  /** The repository root (the folder holding editors/ and server/). */
  static Path repo() {
    return ServerProcess.jar().toAbsolutePath().normalize().getParent().getParent().getParent();
  }

  /** Skips the test, with a message saying how to install it, unless {@code file} exists. */
  static Path require(Path file, String editor) {
    if (!(Files.isExecutable(file) || Files.isRegularFile(file) || Files.isDirectory(file))) {
      skip(
          editor
              + " is not installed at "
              + file
              + ": run `bash editors/ci/install.sh` to test it for real");
    }
    return file;
  }

  /** The first of these executables found on PATH, or skips the test naming the editor. */
  static Path requireOnPath(String command, String editor) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    skip(
        editor
            + " (`"
            + command
            + "`) is not on PATH: run `bash editors/ci/install.sh` to test it for real");
    throw new AssertionError("unreachable");
  }

  /**
   * Skips the calling test, saying why on stderr too: Maven's summary counts skipped tests but
   * shows the reason only in the Surefire XML, where nobody looks.
   */
  static void skip(String reason) {
    String test =
        StackWalker.getInstance()
            .walk(
                frames ->
                    frames
                        .map(StackWalker.StackFrame::getClassName)
                        .filter(name -> name.endsWith("Test"))
                        .findFirst()
                        .orElse("an editor test"));
    System.err.println("[SKIPPED] " + test.substring(test.lastIndexOf('.') + 1) + ": " + reason);
    assumeTrue(false, reason);
  }

  /** The environment that points the server at the fake, with its key. */
  static Map<String, String> serverEnvironment(FakeCodestral fake) {
    return Map.of(
        "CODESTRAL_ENDPOINT", fake.endpoint(),
        "CODESTRAL_API_KEY", FakeCodestral.KEY,
        "CODESTRAL_LSP_JAR", ServerProcess.jar().toAbsolutePath().normalize().toString());
  }

  /** Runs the command in {@code dir} with the extra environment and waits for it to end. */
  static Result run(List<String> command, Path dir, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "editor-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("CODESTRAL_") || name.startsWith("MISTRAL_"));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      return new Result(
          -1,
          "(killed after "
              + TIMEOUT_SECONDS
              + " s)\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    process.descendants().forEach(ProcessHandle::destroy);
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * This machine's distribution tarball, built by {@code -Pdist}; the test is skipped without it.
   */
  static Path hostTarball() throws IOException {
    Path dist = ServerProcess.jar().resolveSibling("dist");
    if (Files.isDirectory(dist)) {
      try (var files = Files.list(dist)) {
        Path found =
            files
                .filter(
                    file ->
                        file.getFileName()
                            .toString()
                            .matches("codestral-lsp-.*-linux-x64\\.tar\\.gz"))
                .findFirst()
                .orElse(null);
        if (found != null) {
          return found;
        }
      }
    }
    skip("no distribution in " + dist + ": build it with mvn -B -pl server package -Pdist");
    return null;
  }
}
