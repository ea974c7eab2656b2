package codestral.lsp.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command that ends by itself (the jar's {@code --version}, {@code check}, …, or the
 * launcher): its exit code and everything it wrote. Inherits no {@code CODESTRAL_*} variable.
 */
record CommandRun(int exitCode, String stdout, String stderr) {
  private static final long TIMEOUT_SECONDS = 60;

  /** {@code java -jar codestral-lsp.jar ARGS}. */
  static CommandRun jar(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(ServerProcess.jar().toString());
    command.addAll(List.of(args));
    return run(command, environment);
  }

  static CommandRun run(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("CODESTRAL_") || name.startsWith("MISTRAL_"));
    builder.environment().putAll(environment);
    Path out = Files.createTempFile("codestral-out", ".txt");
    Path err = Files.createTempFile("codestral-err", ".txt");
    try {
      builder
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s");
      }
      return new CommandRun(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      delete(out);
      delete(err);
    }
  }

  private static void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }
}
