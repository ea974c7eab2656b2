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
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
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
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Document sync and the two completion shapes. Edits are applied here on the reader thread, in
 * order; completion requests hand a plain query to {@link CompletionService} and convert its
 * offsets back into positions of the snapshot it answered for.
 */
final class CodestralTextDocumentService implements TextDocumentService {
  private static final Logger LOG = System.getLogger(CodestralTextDocumentService.class.getName());

  private final DocumentStore documents;
  private final CompletionService completions;
  private final UserNotifier notifier;

  CodestralTextDocumentService(
      DocumentStore documents, CompletionService completions, UserNotifier notifier) {
    this.documents = documents;
    this.completions = completions;
    this.notifier = notifier;
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
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    documents.close(params.getTextDocument().getUri());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // Nothing to do: the text is already in sync through didChange.
  }

  @Override
  public CompletableFuture<Either<List<InlineCompletionItem>, InlineCompletionList>> inlineCompletion(
      InlineCompletionParams params) {
    requireDocumentAndPosition(params.getTextDocument(), params.getPosition());
    Trigger trigger =
        params.getContext() != null
                && params.getContext().getTriggerKind() == InlineCompletionTriggerKind.Automatic
            ? Trigger.AUTOMATIC
            : Trigger.INVOKED;
    CompletionQuery query =
        new CompletionQuery(
            params.getTextDocument().getUri(), Conversions.toPlain(params.getPosition()), trigger);
    return answer(query, this::inlineItems, new InlineCompletionList(List.of()))
        .thenApply(Either::forRight);
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
    return answer(query, this::menuItems, new CompletionList(true, List.of()))
        .thenApply(Either::forRight);
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
                Throwable cause = unwrap(error);
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
      notifier.showOnce("internal", MessageType.Error, "internal error (see the log): " + cause.getClass().getSimpleName());
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

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * Inline items replace the cursor line from its start, so that clients which filter on the
   * range's text (VS Code) keep the item while the user types into it.
   */
  private InlineCompletionList inlineItems(CompletionOutcome outcome) {
    DocumentSnapshot snapshot = outcome.snapshot();
    PositionEncoding encoding = documents.encoding();
    int cursor = outcome.cursorOffset();
    int lineStart = snapshot.lineStart(snapshot.lineOf(cursor));
    String linePrefix = snapshot.text(lineStart, cursor);
    List<InlineCompletionItem> items = new ArrayList<>();
    for (Suggestion suggestion : outcome.suggestions()) {
      int end = Math.min(cursor + suggestion.replacedSuffixLength(), snapshot.lineEnd(snapshot.lineOf(cursor)));
      InlineCompletionItem item = new InlineCompletionItem();
      item.setInsertText(linePrefix + suggestion.text());
      item.setRange(
          new Range(
              Conversions.toLsp(snapshot.positionAt(lineStart, encoding)),
              Conversions.toLsp(snapshot.positionAt(end, encoding))));
      items.add(item);
    }
    return new InlineCompletionList(items);
  }

  /**
   * Menu items, for editors without inline completion: the edit starts at the word being typed so
   * the menu's own filtering keeps it, and the documentation shows the whole suggestion.
   */
  private CompletionList menuItems(CompletionOutcome outcome) {
    DocumentSnapshot snapshot = outcome.snapshot();
    PositionEncoding encoding = documents.encoding();
    int cursor = outcome.cursorOffset();
    int lineStart = snapshot.lineStart(snapshot.lineOf(cursor));
    String word = trailingWord(snapshot.text(lineStart, cursor));
    List<CompletionItem> items = new ArrayList<>();
    int rank = 0;
    for (Suggestion suggestion : outcome.suggestions()) {
      String newText = word + suggestion.text();
      int end = Math.min(cursor + suggestion.replacedSuffixLength(), snapshot.lineEnd(snapshot.lineOf(cursor)));
      CompletionItem item = new CompletionItem(firstLine(newText));
      item.setKind(CompletionItemKind.Text);
      item.setDetail("Codestral");
      item.setDocumentation(
          new MarkupContent(MarkupKind.MARKDOWN, "```" + snapshot.languageId() + "\n" + newText + "\n```"));
      item.setFilterText(newText);
      item.setSortText(String.format("0000%04d", rank++));
      item.setPreselect(rank == 1);
      item.setInsertTextFormat(InsertTextFormat.PlainText);
      item.setTextEdit(
          Either.forLeft(
              new TextEdit(
                  new Range(
                      Conversions.toLsp(snapshot.positionAt(cursor - word.length(), encoding)),
                      Conversions.toLsp(snapshot.positionAt(end, encoding))),
                  newText)));
      items.add(item);
    }
    // Incomplete: the menu asks again as the user types, so the suggestion follows the text.
    return new CompletionList(true, items);
  }

  private static String trailingWord(String linePrefix) {
    int start = linePrefix.length();
    while (start > 0 && isWordChar(linePrefix.charAt(start - 1))) {
      start--;
    }
    return linePrefix.substring(start);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static String firstLine(String text) {
    int end = 0;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    String line = text.substring(0, end).strip();
    return line.isEmpty() ? text.strip().lines().findFirst().orElse("") : line;
  }
}
