package codestral.lsp.cli;

import codestral.lsp.app.DaemonThreads;
import codestral.lsp.app.ServerLauncher;
import codestral.lsp.backend.BackendException;
import codestral.lsp.completion.CompletionOutcome;
import codestral.lsp.completion.CompletionQuery;
import codestral.lsp.completion.CompletionService;
import codestral.lsp.completion.Trigger;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.document.TextPosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code complete FILE --line N --column N}: one suggestion for a file position, printed on stdout.
 * It opens the file in a {@link DocumentStore} and asks the server's own {@link CompletionService},
 * so the prompt, the backend call and the post-processing are exactly the editor's.
 */
@Command(
    name = "complete",
    mixinStandardHelpOptions = true,
    header = "Print one completion for a position in a file.",
    description = {
      "",
      "Prints the text the server would suggest at FILE's --line and --column (both 1-based)"
          + " and exits 0: for scripts, debugging and editors without LSP. Prints nothing and"
          + " exits 1 when there is no suggestion or the call fails; the reason goes to stderr."
    })
final class CompleteCommand implements java.util.concurrent.Callable<Integer> {
  private static final long TIMEOUT_SECONDS = 75;
  private static final Map<String, String> LANGUAGES =
      Map.ofEntries(
          Map.entry("py", "python"),
          Map.entry("js", "javascript"),
          Map.entry("mjs", "javascript"),
          Map.entry("ts", "typescript"),
          Map.entry("tsx", "typescriptreact"),
          Map.entry("jsx", "javascriptreact"),
          Map.entry("rs", "rust"),
          Map.entry("kt", "kotlin"),
          Map.entry("rb", "ruby"),
          Map.entry("sh", "shellscript"),
          Map.entry("md", "markdown"),
          Map.entry("cs", "csharp"),
          Map.entry("h", "c"),
          Map.entry("hpp", "cpp"),
          Map.entry("cc", "cpp"),
          Map.entry("yml", "yaml"));

  private final Cli.Context context;

  @ParentCommand RootCommand root;

  @Mixin LogOptions log = new LogOptions();

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to complete in (UTF-8).")
  Path file;

  @Option(
      names = "--line",
      required = true,
      paramLabel = "N",
      description = "The cursor's line, 1-based (the first line is 1).")
  int line;

  @Option(
      names = "--column",
      required = true,
      paramLabel = "N",
      description =
          "The cursor's column, 1-based, in characters (code points): 1 is before the first"
              + " character, one past the line's length is its end.")
  int column;

  CompleteCommand(Cli.Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    LogOptions effective = log.orElse(root.log);
    context.process().configureLogging(effective.level(), effective.file, "warn");
    String text = read(file);
    DocumentStore documents = new DocumentStore();
    // Columns count characters as people do: code points, which is utf-32.
    documents.setEncoding(PositionEncoding.UTF32);
    String uri = file.toAbsolutePath().normalize().toUri().toString();
    DocumentSnapshot snapshot = documents.open(uri, languageId(file), 1, text);
    String problem = checkPosition(snapshot);
    if (problem != null) {
      context.err().println("codestral-lsp complete: " + problem);
      return Cli.USAGE;
    }
    Settings settings = Settings.fromEnvironment(context.environment());
    ExecutorService executor =
        Executors.newSingleThreadExecutor(DaemonThreads.named("codestral-cli"));
    try {
      CompletionService completions =
          ServerLauncher.completionService(documents, () -> settings, executor);
      CompletableFuture<CompletionOutcome> result =
          completions.complete(
              new CompletionQuery(uri, new TextPosition(line - 1, column - 1), Trigger.INVOKED));
      CompletionOutcome outcome;
      try {
        outcome = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        Throwable cause = BackendException.unwrap(e);
        context.err().println("codestral-lsp complete: " + cause.getMessage());
        context.err().println("Run 'codestral-lsp check' for a diagnosis.");
        return Cli.FAILED;
      } catch (TimeoutException e) {
        result.cancel(true);
        context.err().println("codestral-lsp complete: no answer within " + TIMEOUT_SECONDS + " s");
        return Cli.FAILED;
      }
      if (outcome == null || outcome.suggestions().isEmpty()) {
        context
            .err()
            .println(
                "codestral-lsp complete: no suggestion at " + file + ":" + line + ":" + column);
        return Cli.FAILED;
      }
      context.out().println(outcome.suggestions().get(0).text());
      context.out().flush();
      return 0;
    } finally {
      executor.shutdownNow();
    }
  }

  /** Why the position is outside the file, or null when it is inside. */
  private String checkPosition(DocumentSnapshot snapshot) {
    if (line < 1 || line > snapshot.lineCount()) {
      return "--line "
          + line
          + " is outside "
          + file
          + ", which has "
          + snapshot.lineCount()
          + " lines";
    }
    int start = snapshot.lineStart(line - 1);
    int end = snapshot.lineEnd(line - 1);
    String lineText = snapshot.text(start, end);
    int length = lineText.codePointCount(0, lineText.length());
    if (column < 1 || column > length + 1) {
      return "--column "
          + column
          + " is outside line "
          + line
          + ", which has "
          + length
          + " characters (columns 1 to "
          + (length + 1)
          + ")";
    }
    return null;
  }

  /** The file as text; malformed UTF-8 is an error rather than a silently mangled prompt. */
  private static String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + " is not UTF-8 text", e);
    }
  }

  /** An LSP language id from the file's extension, as editors derive it. */
  static String languageId(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return "plaintext";
    }
    String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return LANGUAGES.getOrDefault(extension, extension);
  }
}
