package codestral.lsp.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar as a child process, with an LSP4J client on its stdin and stdout: exactly what an
 * editor does. Everything the server writes to stdout and stderr is kept for assertions.
 */
final class ServerProcess extends EditorConnection {
  private final Process process;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stdoutCopy = new ByteArrayOutputStream();

  private ServerProcess(Map<String, String> environment, List<String> args) throws IOException {
    this(environment, args, null);
  }

  private ServerProcess(Map<String, String> environment, List<String> args, Path directory)
      throws IOException {
    this(command(args), environment, directory);
  }

  private ServerProcess(List<String> command, Map<String, String> environment, Path directory)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("CODESTRAL_") || name.startsWith("MISTRAL_"));
    builder.environment().putAll(environment);
    process = builder.start();
    copyInBackground(process.getErrorStream(), stderr);
    InputStream stdout = new CopyingInputStream(process.getInputStream(), stdoutCopy);
    connect(stdout, process.getOutputStream());
  }

  /** Starts the server with the given environment (no CODESTRAL_* variable is inherited). */
  static ServerProcess start(Map<String, String> environment) throws IOException {
    return new ServerProcess(environment, List.of());
  }

  /**
   * Starts the server as users do, through the launcher script next to the jar (its JVM flags and
   * class-data archive), on the Java running the tests.
   */
  static ServerProcess startThroughLauncher(Map<String, String> environment) throws IOException {
    return startThroughLauncher(jar(), environment);
  }

  /** {@link #startThroughLauncher(Map)} for the launcher next to another build's {@code jar}. */
  static ServerProcess startThroughLauncher(Path jar, Map<String, String> environment)
      throws IOException {
    Path launcher = jar.resolveSibling("codestral-lsp");
    if (!Files.exists(launcher)) {
      throw new IllegalStateException("Build the server first: " + launcher + " is missing");
    }
    Map<String, String> withJava = new HashMap<>(environment);
    withJava.put("JAVA_HOME", System.getProperty("java.home"));
    return new ServerProcess(List.of("sh", launcher.toString()), withJava, null);
  }

  /** Starts the server with any command line (a distribution's launcher in a namespace, …). */
  static ServerProcess startCommand(List<String> command, Map<String, String> environment)
      throws IOException {
    return new ServerProcess(command, environment, null);
  }

  /** Starts the server pointed at the fake, with its valid key. */
  static ServerProcess startAgainst(FakeCodestral fake) throws IOException {
    return start(
        Map.of("CODESTRAL_API_KEY", FakeCodestral.KEY, "CODESTRAL_ENDPOINT", fake.endpoint()));
  }

  static Path jar() {
    String path = System.getProperty("codestral.jar", "../server/target/codestral-lsp.jar");
    return Path.of(path).toAbsolutePath().normalize();
  }

  private static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    Path jar = jar();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("Build the server first: " + jar + " is missing");
    }
    command.add(jar.toString());
    command.addAll(args);
    return command;
  }

  /** {@code shutdown} then {@code exit}; the process's exit code. */
  int shutdownAndExit() throws InterruptedException {
    await(server().shutdown());
    server().exit();
    return waitForExit();
  }

  int waitForExit() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not exit");
    }
    return process.exitValue();
  }

  @Override
  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits (up to the timeout) until the server's stderr holds {@code text}, as a condition, not a
   * delay.
   */
  void awaitStderr(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    synchronized (stderr) {
      while (!stderr.toString(StandardCharsets.UTF_8).contains(text)) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("stderr never said: " + text);
        }
        stderr.wait(Math.min(left, 50));
      }
    }
  }

  /** Everything the server wrote to stderr so far. */
  String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Everything the server wrote to stdout so far (the JSON-RPC stream). */
  String stdout() {
    synchronized (stdoutCopy) {
      return stdoutCopy.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    disconnect();
  }

  private static void copyInBackground(InputStream in, ByteArrayOutputStream out) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  synchronized (out) {
                    out.write(buffer, 0, read);
                    out.notifyAll();
                  }
                }
              } catch (IOException e) {
                // The process ended.
              }
            },
            "server-stderr");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts the server in {@code directory}, so a test can look at every file it wrote there. */
  static ServerProcess startIn(Map<String, String> environment, Path directory) throws IOException {
    return new ServerProcess(environment, List.of(), directory);
  }

  /**
   * The server's stdin, for writing raw bytes past the LSP4J client (malformed frames). Only while
   * the client is not writing: it has no lock in common with this stream.
   */
  OutputStream rawInput() {
    return process.getOutputStream();
  }

  long pid() {
    return process.pid();
  }
}
