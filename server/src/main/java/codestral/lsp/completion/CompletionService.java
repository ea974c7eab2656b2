package codestral.lsp.completion;

import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.cache.CompletionCache;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.postprocess.Suggestion;
import codestral.lsp.prompt.FimWindow;
import codestral.lsp.prompt.WindowBuilder;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Answers completion queries. The snapshot is taken on the caller's thread, at the moment the
 * request arrives, so the answer belongs to the text the editor had then; everything after that
 * runs on {@code executor} and on the HTTP client's threads.
 */
public final class CompletionService {
  private static final Logger LOG = System.getLogger(CompletionService.class.getName());

  private final DocumentStore documents;
  private final Supplier<Settings> settings;
  private final FimBackend backend;
  private final CompletionCache cache;
  private final WindowBuilder windows;
  private final PostProcessor postProcessor;
  private final Executor executor;

  public CompletionService(
      DocumentStore documents,
      Supplier<Settings> settings,
      FimBackend backend,
      CompletionCache cache,
      WindowBuilder windows,
      PostProcessor postProcessor,
      Executor executor) {
    this.documents = documents;
    this.settings = settings;
    this.backend = backend;
    this.cache = cache;
    this.windows = windows;
    this.postProcessor = postProcessor;
    this.executor = executor;
  }

  /**
   * The suggestions for a query. Completes with no suggestions when the document is not open or
   * completions are disabled; completes exceptionally when the backend fails.
   */
  public CompletableFuture<CompletionOutcome> complete(CompletionQuery query) {
    Optional<DocumentSnapshot> open = documents.get(query.uri());
    if (open.isEmpty()) {
      LOG.log(Level.WARNING, "Completion asked for a document that is not open: {0}", query.uri());
      return CompletableFuture.completedFuture(null);
    }
    DocumentSnapshot snapshot = open.get();
    int cursor = snapshot.offsetAt(query.position(), documents.encoding());
    Settings current = settings.get();
    if (!current.completion().enabled()) {
      return CompletableFuture.completedFuture(CompletionOutcome.none(snapshot, cursor));
    }
    return CompletableFuture.supplyAsync(() -> windows.build(snapshot, cursor), executor)
        .thenCompose(
            window -> {
              FimRequest request = request(window, current);
              return cache
                  .get(request, backend::complete)
                  .thenApply(result -> outcome(snapshot, window, result));
            });
  }

  private static FimRequest request(FimWindow window, Settings settings) {
    Settings.Completion completion = settings.completion();
    return new FimRequest(
        settings.completionModel(),
        window.prefix(),
        window.suffix(),
        completion.maxTokens(),
        completion.temperature(),
        completion.stop());
  }

  private CompletionOutcome outcome(DocumentSnapshot snapshot, FimWindow window, FimResult result) {
    Optional<Suggestion> suggestion = postProcessor.process(window, result.text());
    LOG.log(
        Level.DEBUG,
        "Completion for {0} v{1}: {2} chars raw, finish {3}",
        snapshot.uri(),
        snapshot.version(),
        result.text().length(),
        result.finishReason());
    return new CompletionOutcome(
        snapshot, window.cursorOffset(), suggestion.map(List::of).orElse(List.of()));
  }
}
