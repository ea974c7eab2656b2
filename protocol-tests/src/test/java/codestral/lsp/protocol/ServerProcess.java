package codestral.lsp.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlineCompletionContext;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InlineCompletionParams;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The built jar as a child process, with an LSP4J client on its stdin and stdout: exactly what an
 * editor does. Everything the server writes to stdout and stderr is kept for assertions.
 */
final class ServerProcess implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 20;

  final RecordingClient client = new RecordingClient();
  private final Process process;
  private final LanguageServer server;
  private final ServerExtensions extensions;
  private final org.eclipse.lsp4j.jsonrpc.RemoteEndpoint remote;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stdoutCopy = new ByteArrayOutputStream();
  private final Map<String, Integer> versions = new HashMap<>();

  private ServerProcess(Map<String, String> environment, List<String> args) throws IOException {
    this(environment, args, null);
  }

  private ServerProcess(Map<String, String> environment, List<String> args, Path directory) throws IOException {
    this(command(args), environment, directory);
  }

  private ServerProcess(List<String> command, Map<String, String> environment, Path directory) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().keySet().removeIf(name -> name.startsWith("CODESTRAL_") || name.startsWith("MISTRAL_"));
    builder.environment().putAll(environment);
    process = builder.start();
    copyInBackground(process.getErrorStream(), stderr);
    InputStream stdout = new TeeInputStream(process.getInputStream(), stdoutCopy);
    // The proxy also speaks the server's custom methods, so their results are typed on the way back.
    Launcher<ServerExtensions> launcher =
        new LSPLauncher.Builder<ServerExtensions>()
            .setLocalService(client)
            .setRemoteInterface(ServerExtensions.class)
            .setInput(stdout)
            .setOutput(process.getOutputStream())
            .create();
    launcher.startListening();
    extensions = launcher.getRemoteProxy();
    server = extensions;
    remote = launcher.getRemoteEndpoint();
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
  static ServerProcess startThroughLauncher(Path jar, Map<String, String> environment) throws IOException {
    Path launcher = jar.resolveSibling("codestral-lsp");
    if (!Files.exists(launcher)) {
      throw new IllegalStateException("Build the server first: " + launcher + " is missing");
    }
    Map<String, String> withJava = new java.util.HashMap<>(environment);
    withJava.put("JAVA_HOME", System.getProperty("java.home"));
    return new ServerProcess(List.of("sh", launcher.toString()), withJava, null);
  }

  /** Starts the server with any command line (a distribution's launcher in a namespace, …). */
  static ServerProcess startCommand(List<String> command, Map<String, String> environment) throws IOException {
    return new ServerProcess(command, environment, null);
  }

  /** Starts the server pointed at the fake, with its valid key. */
  static ServerProcess startAgainst(FakeCodestral fake) throws IOException {
    return start(Map.of("CODESTRAL_API_KEY", FakeCodestral.KEY, "CODESTRAL_ENDPOINT", fake.endpoint()));
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

  LanguageServer server() {
    return server;
  }

  /** {@code initialize} offering the given position encodings, then {@code initialized}. */
  InitializeResult initialize(List<String> positionEncodings, Object initializationOptions) {
    InitializeParams params = new InitializeParams();
    params.setProcessId((int) ProcessHandle.current().pid());
    ClientCapabilities capabilities = new ClientCapabilities();
    GeneralClientCapabilities general = new GeneralClientCapabilities();
    general.setPositionEncodings(positionEncodings);
    capabilities.setGeneral(general);
    WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
    workspace.setConfiguration(client.configurationSection != null);
    capabilities.setWorkspace(workspace);
    params.setCapabilities(capabilities);
    params.setInitializationOptions(initializationOptions);
    InitializeResult result = await(server.initialize(params));
    server.initialized(new InitializedParams());
    return result;
  }

  InitializeResult initialize() {
    return initialize(List.of("utf-16"), null);
  }

  void open(String uri, String languageId, String text) {
    versions.put(uri, 1);
    server.getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, languageId, 1, text)));
  }

  /** One didChange with the given changes, at the next version. */
  void change(String uri, TextDocumentContentChangeEvent... changes) {
    int version = versions.merge(uri, 1, Integer::sum);
    server.getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(changes)));
  }

  static TextDocumentContentChangeEvent edit(int startLine, int startChar, int endLine, int endChar, String text) {
    return new TextDocumentContentChangeEvent(
        new Range(new Position(startLine, startChar), new Position(endLine, endChar)), text);
  }

  InlineCompletionList inline(String uri, int line, int character, InlineCompletionTriggerKind kind) {
    InlineCompletionParams params =
        new InlineCompletionParams(
            new TextDocumentIdentifier(uri), new Position(line, character), new InlineCompletionContext(kind));
    var result = await(server.getTextDocumentService().inlineCompletion(params));
    if (result == null) {
      return new InlineCompletionList(List.of());
    }
    return result.isRight() ? result.getRight() : new InlineCompletionList(result.getLeft());
  }

  InlineCompletionList inline(String uri, int line, int character) {
    return inline(uri, line, character, InlineCompletionTriggerKind.Invoked);
  }

  CompletionList completion(String uri, int line, int character) {
    var result =
        await(server.getTextDocumentService()
            .completion(new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character))));
    if (result == null) {
      return new CompletionList(List.of());
    }
    return result.isRight() ? result.getRight() : new CompletionList(result.getLeft());
  }

  /** {@code shutdown} then {@code exit}; the process's exit code. */
  int shutdownAndExit() throws InterruptedException {
    await(server.shutdown());
    server.exit();
    return waitForExit();
  }

  int waitForExit() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not exit");
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits (up to the timeout) until the server's stderr holds {@code text}, as a condition, not a delay. */
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

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed or timed out: " + e, e);
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

  /** {@code initialize} with the given params as they are, then {@code initialized}. */
  InitializeResult initialize(InitializeParams params) {
    InitializeResult result = await(server.initialize(params));
    server.initialized(new InitializedParams());
    return result;
  }

  /**
   * The server's stdin, for writing raw bytes past the LSP4J client (malformed frames). Only while
   * the client is not writing: it has no lock in common with this stream.
   */
  java.io.OutputStream rawInput() {
    return process.getOutputStream();
  }

  long pid() {
    return process.pid();
  }

  /** Passes bytes through while keeping a copy, so tests can search all the server wrote. */
  private static final class TeeInputStream extends InputStream {
    private final InputStream in;
    private final ByteArrayOutputStream copy;

    TeeInputStream(InputStream in, ByteArrayOutputStream copy) {
      this.in = in;
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        synchronized (copy) {
          copy.write(b);
        }
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = in.read(buffer, offset, length);
      if (read > 0) {
        synchronized (copy) {
          copy.write(buffer, offset, read);
        }
      }
      return read;
    }
  }

  /** The server's custom requests and notifications ({@code codestral/*}, Copilot's feedback). */
  ServerExtensions extensions() {
    return extensions;
  }

  /**
   * Sends any request, for custom methods such as {@code codestral/chat}. The result arrives as
   * Gson's JSON tree; cancelling the future sends {@code $/cancelRequest}.
   */
  CompletableFuture<Object> request(String method, Object params) {
    return remote.request(method, params);
  }
}
