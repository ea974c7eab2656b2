package codestral.lsp.lsp;

import codestral.lsp.backend.BackendException;
import codestral.lsp.completion.CompletionOutcome;
import codestral.lsp.completion.CompletionQuery;
import codestral.lsp.completion.CompletionService;
import codestral.lsp.completion.Trigger;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.postprocess.Suggestion;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InlineCompletionParams;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Document sync and the two completion shapes. Edits are applied here on the reader thread, in
 * order; completion requests hand a plain query to {@link CompletionService} and convert its
 * offsets back into positions of the snapshot it answered for.
 */
public final class CodestralTextDocumentService implements TextDocumentService {
  private static final Logger LOG = System.getLogger(CodestralTextDocumentService.class.getName());

  private final DocumentStore documents;
  private final CompletionService completions;
  private final UserNotifier notifier;
  private final SuggestionItems suggestionItems;
  private final PlacedItems placedItems;

  public CodestralTextDocumentService(
      DocumentStore documents,
      CompletionService completions,
      UserNotifier notifier,
      SuggestionItems suggestionItems) {
    this.documents = documents;
    this.completions = completions;
    this.notifier = notifier;
    this.suggestionItems = suggestionItems;
    this.placedItems = new PlacedItems(completions);
    suggestionItems.recordPlacesIn(placedItems);
  }

  /** Where the items sent land, for the suggestion after an accepted one. */
  PlacedItems placedItems() {
    return placedItems;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var item = params.getTextDocument();
    documents.open(item.getUri(), item.getLanguageId(), item.getVersion(), item.getText());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    var id = params.getTextDocument();
    int version = id.getVersion() == null ? Integer.MAX_VALUE : id.getVersion();
    documents.change(
        id.getUri(),
        version,
        params.getContentChanges().stream().map(Conversions::toPlain).collect(Collectors.toList()));
    completions.documentChanged(id.getUri());
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    documents.close(params.getTextDocument().getUri());
    completions.documentClosed(params.getTextDocument().getUri());
  }

  private volatile java.util.function.Consumer<String> onSave = uri -> {};

  /** Who hears of saves (the workspace index re-reads the file); the text is in sync already. */
  void onSave(java.util.function.Consumer<String> listener) {
    this.onSave = listener;
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    onSave.accept(params.getTextDocument().getUri());
  }

  @Override
  public CompletableFuture<Either<List<InlineCompletionItem>, InlineCompletionList>>
      inlineCompletion(InlineCompletionParams params) {
    requireDocumentAndPosition(params.getTextDocument(), params.getPosition());
    Trigger trigger =
        params.getContext() != null
                && params.getContext().getTriggerKind() == InlineCompletionTriggerKind.Automatic
            ? Trigger.AUTOMATIC
            : Trigger.INVOKED;
    var info = params.getContext() == null ? null : params.getContext().getSelectedCompletionInfo();
    CompletionQuery query =
        new CompletionQuery(
            params.getTextDocument().getUri(),
            Conversions.toPlain(params.getPosition()),
            trigger,
            info == null || info.getRange() == null
                ? null
                : new CompletionQuery.SelectedCompletion(
                    Conversions.toPlain(info.getRange()), info.getText()));
    // The future LSP4J holds must be the one whose cancellation reaches the call: no thenApply
    // after.
    return answer(
        query,
        outcome -> Either.forRight(inlineItems(query, outcome)),
        Either.forRight(new InlineCompletionList(List.of())));
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    requireDocumentAndPosition(params.getTextDocument(), params.getPosition());
    CompletionQuery query =
        new CompletionQuery(
            params.getTextDocument().getUri(),
            Conversions.toPlain(params.getPosition()),
            Trigger.INVOKED);
    return answer(
        query,
        outcome -> Either.forRight(menuItems(outcome)),
        Either.forRight(new CompletionList(true, List.of())));
  }

  /**
   * Runs a query and converts its outcome; a failure is logged and told to the user once, and the
   * editor gets an empty answer rather than an error popup per keystroke.
   */
  private <T> CompletableFuture<T> answer(
      CompletionQuery query, java.util.function.Function<CompletionOutcome, T> convert, T empty) {
    CompletableFuture<CompletionOutcome> work = completions.complete(query);
    CompletableFuture<T> result =
        work.handle(
            (outcome, error) -> {
              if (error != null) {
                Throwable cause = BackendException.unwrap(error);
                if (cause instanceof CancellationException) {
                  throw (CancellationException) cause;
                }
                report(cause);
                return empty;
              }
              return outcome == null ? empty : convert.apply(outcome);
            });
    // LSP4J cancels the future it got on $/cancelRequest; pass that on to the work behind it.
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            work.cancel(true);
          }
        });
    return result;
  }

  /**
   * The backend's fault policy already logged the failure and turned it into a status (and a
   * message on a change of state): per request, only a debug line here. An exception that is
   * neither a backend answer nor a transport failure is our bug, told once.
   */
  private void report(Throwable cause) {
    if (cause instanceof BackendException || cause instanceof java.io.IOException) {
      LOG.log(Level.DEBUG, "Completion failed: {0}", cause.getMessage());
    } else {
      LOG.log(Level.ERROR, "Completion failed unexpectedly: {0}", String.valueOf(cause));
      notifier.showOnce(
          "internal",
          MessageType.Error,
          "internal error (see the log): " + cause.getClass().getSimpleName());
    }
  }

  /** A request without a document or position is the client's bug: say so instead of an NPE. */
  private static void requireDocumentAndPosition(
      org.eclipse.lsp4j.TextDocumentIdentifier document, org.eclipse.lsp4j.Position position) {
    if (document == null || document.getUri() == null || position == null) {
      LOG.log(Level.WARNING, "Completion request without textDocument.uri or position");
      throw new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
          new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
              org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InvalidParams,
              "textDocument.uri and position are required",
              null));
    }
  }

  /**
   * Inline items: see {@link SuggestionItems#inline}; with a menu item selected, each item extends
   * that selection over its range instead.
   */
  private InlineCompletionList inlineItems(CompletionQuery query, CompletionOutcome outcome) {
    if (query.selected() != null) {
      return extendSelection(query.selected(), outcome);
    }
    return suggestionItems.inline(outcome, documents.encoding());
  }

  /** Menu items, for editors without inline completion: see {@link SuggestionItems#menu}. */
  private CompletionList menuItems(CompletionOutcome outcome) {
    return suggestionItems.menu(outcome, documents.encoding());
  }

  /**
   * With an item selected in the completion menu the protocol wants each inline item to extend that
   * item's text over the same range (the client drops it otherwise): so the range is the
   * selection's and the text starts with the selected text, which the prompt already ended with.
   */
  private InlineCompletionList extendSelection(
      CompletionQuery.SelectedCompletion selected, CompletionOutcome outcome) {
    DocumentSnapshot snapshot = outcome.snapshot();
    PositionEncoding encoding = documents.encoding();
    int start = snapshot.offsetAt(selected.range().start(), encoding);
    int end = Math.max(snapshot.offsetAt(selected.range().end(), encoding), outcome.cursorOffset());
    List<InlineCompletionItem> items = new ArrayList<>();
    for (Suggestion suggestion : outcome.suggestions()) {
      int replacedEnd =
          Math.min(end + suggestion.replacedSuffixLength(), snapshot.lineEnd(snapshot.lineOf(end)));
      InlineCompletionItem item = new InlineCompletionItem();
      item.setInsertText(selected.text() + suggestion.text());
      item.setRange(
          new Range(
              Conversions.toLsp(snapshot.positionAt(start, encoding)),
              Conversions.toLsp(snapshot.positionAt(Math.max(end, replacedEnd), encoding))));
      items.add(item);
    }
    return new InlineCompletionList(items);
  }
}
