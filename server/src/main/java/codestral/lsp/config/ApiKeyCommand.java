package codestral.lsp.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gets the key from a command ({@code codestral.apiKeyCommand}), for users who keep it in a
 * keychain ({@code pass show codestral}, {@code security find-generic-password -w …}): the
 * command's stdout, trimmed, is the key.
 *
 * <p>The command runs once per distinct command line, off the protocol thread, with a timeout. What
 * it prints is the secret, so neither its stdout nor its stderr is ever logged or shown: a failure
 * is reported by exit code or timeout only.
 */
public final class ApiKeyCommand {
  private static final Logger LOG = System.getLogger(ApiKeyCommand.class.getName());
  private static final String SOURCE = "setting codestral.apiKeyCommand";
  private static final int MAX_OUTPUT = 64 * 1024;

  /** Why the command gave no key; the message is safe to show (it never holds the output). */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  private final CurrentSettings settings;
  private final Executor executor;
  private final Duration timeout;
  private final Runnable onKey;
  private final Consumer<String> onFailure;
  private List<String> lastRun = List.of();

  /**
   * @param onKey called after a new key from the command was put in force
   * @param onFailure called with a message naming the setting and the reason
   */
  public ApiKeyCommand(
      CurrentSettings settings,
      Executor executor,
      Duration timeout,
      Runnable onKey,
      Consumer<String> onFailure) {
    this.settings = settings;
    this.executor = executor;
    this.timeout = timeout;
    this.onKey = onKey;
    this.onFailure = onFailure;
  }

  /**
   * Runs the configured command if it is new; returns at once. The returned future completes when
   * the run (if any) is over, for tests and start-up ordering.
   */
  public synchronized CompletableFuture<Void> refresh() {
    List<String> command = settings.get().operations().apiKeyCommand();
    if (command.isEmpty() || command.equals(lastRun)) {
      return CompletableFuture.completedFuture(null);
    }
    lastRun = command;
    return CompletableFuture.runAsync(
        () -> {
          try {
            ApiKey key = run(command, timeout);
            settings.update(current -> current.with(b -> b.apiKey(key)));
            LOG.log(Level.INFO, "API key taken from codestral.apiKeyCommand");
            onKey.run();
          } catch (Failure e) {
            LOG.log(Level.WARNING, e.getMessage());
            onFailure.accept(e.getMessage());
          }
        },
        executor);
  }

  /** Runs the command and returns its trimmed stdout as the key. */
  static ApiKey run(List<String> command, Duration timeout) throws Failure {
    ProcessBuilder builder = new ProcessBuilder(argv(command));
    // stderr may echo the secret (or a passphrase prompt): never read it.
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new Failure(
          "codestral.apiKeyCommand could not be started (" + e.getClass().getSimpleName() + ")");
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<byte[]> output =
          CompletableFuture.supplyAsync(() -> readBounded(process.getInputStream()));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new Failure(
            "codestral.apiKeyCommand did not finish within " + timeout.toMillis() + " ms");
      }
      if (process.exitValue() != 0) {
        throw new Failure("codestral.apiKeyCommand failed with exit code " + process.exitValue());
      }
      ApiKey key =
          ApiKey.of(
              new String(
                  output.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8),
              SOURCE);
      if (key == null) {
        throw new Failure("codestral.apiKeyCommand printed no key");
      }
      return key;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new Failure("codestral.apiKeyCommand was interrupted");
    } catch (IOException
        | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new Failure(
          "codestral.apiKeyCommand's output could not be read ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /** One element with a space is a shell line; several elements are the argv itself. */
  static List<String> argv(List<String> command) {
    if (command.size() == 1 && command.get(0).strip().contains(" ")) {
      boolean windows =
          System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
      return windows
          ? List.of("cmd.exe", "/c", command.get(0))
          : List.of("/bin/sh", "-c", command.get(0));
    }
    return command;
  }

  private static byte[] readBounded(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try (in) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (out.size() + read > MAX_OUTPUT) {
          throw new UncheckedIOException(new IOException("more than " + MAX_OUTPUT + " bytes"));
        }
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
