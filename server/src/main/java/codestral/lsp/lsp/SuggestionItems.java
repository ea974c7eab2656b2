package codestral.lsp.lsp;

import codestral.lsp.completion.CompletionOutcome;
import codestral.lsp.completion.PlacedSuggestion;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.feedback.SuggestionFeedback;
import codestral.lsp.postprocess.Suggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.InsertTextMode;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Turns suggestions into the two shapes editors take: inline items (ghost text) and completion-menu
 * items (Helix, Eglot). Each item carries the {@value #ACCEPT_COMMAND} command with the id under
 * which {@link SuggestionFeedback} remembers it, so acceptance can be counted.
 *
 * <p>Offsets come from the snapshot the suggestions were computed on; positions are in the
 * negotiated encoding. A replaced tail never reaches past the cursor's line.
 */
public final class SuggestionItems {
  /** Run by the editor after an item is accepted; argument: the item's id. */
  static final String ACCEPT_COMMAND = "codestral.acceptCompletion";

  private final SuggestionFeedback feedback;
  private volatile PlacedItems placed;

  public SuggestionItems(SuggestionFeedback feedback) {
    this.feedback = feedback;
  }

  /** From now on, where each item lands is remembered there by its id. */
  void recordPlacesIn(PlacedItems placed) {
    this.placed = placed;
  }

  /** Offers an item to the feedback and remembers where it lands; its id. */
  private String offer(
      DocumentSnapshot snapshot, int start, int end, String insertText, int leadLength) {
    String id = feedback.offer(snapshot.languageId(), insertText, leadLength);
    PlacedItems places = placed;
    if (places != null) {
      places.placed(id, new PlacedSuggestion(snapshot.uri(), snapshot, start, end, insertText));
    }
    return id;
  }

  /**
   * Inline items replace the cursor line from its start up to the cursor and any closing tail the
   * suggestion merges, and their insertText re-sends the line's start: clients that filter on the
   * range's text (VS Code, Neovim) then keep the item while the user types into it.
   */
  InlineCompletionList inline(CompletionOutcome outcome, PositionEncoding encoding) {
    DocumentSnapshot snapshot = outcome.snapshot();
    int cursor = outcome.cursorOffset();
    int line = snapshot.lineOf(cursor);
    int lineStart = snapshot.lineStart(line);
    String linePrefix = snapshot.text(lineStart, cursor);
    List<InlineCompletionItem> items = new ArrayList<>();
    for (Suggestion suggestion : outcome.suggestions()) {
      int end = Math.min(cursor + suggestion.replacedSuffixLength(), snapshot.lineEnd(line));
      String insertText = linePrefix + suggestion.text();
      InlineCompletionItem item = new InlineCompletionItem();
      item.setInsertText(insertText);
      item.setRange(range(snapshot, lineStart, end, encoding));
      item.setCommand(
          acceptCommand(offer(snapshot, lineStart, end, insertText, linePrefix.length())));
      items.add(item);
    }
    return new InlineCompletionList(items);
  }

  /**
   * Menu items, for editors without inline completion: the edit starts at the word being typed so
   * the menu's own filtering keeps it, the label is the suggestion's first line, and the
   * documentation shows all of it. The list is incomplete, so the menu asks again as the user types
   * and the suggestion follows the text.
   */
  CompletionList menu(CompletionOutcome outcome, PositionEncoding encoding) {
    DocumentSnapshot snapshot = outcome.snapshot();
    int cursor = outcome.cursorOffset();
    int line = snapshot.lineOf(cursor);
    String word = trailingWord(snapshot.text(snapshot.lineStart(line), cursor));
    List<CompletionItem> items = new ArrayList<>();
    for (Suggestion suggestion : outcome.suggestions()) {
      String newText = word + suggestion.text();
      int end = Math.min(cursor + suggestion.replacedSuffixLength(), snapshot.lineEnd(line));
      int rank = items.size();
      CompletionItem item = new CompletionItem(label(newText));
      item.setKind(CompletionItemKind.Text);
      int lines = (int) newText.lines().count();
      item.setDetail(lines > 1 ? "Codestral (" + lines + " lines)" : "Codestral");
      item.setDocumentation(
          new MarkupContent(MarkupKind.MARKDOWN, fenced(snapshot.languageId(), newText)));
      String filter = firstLine(newText);
      item.setFilterText(filter.isBlank() ? item.getLabel() : filter);
      // Before any other server's items, which sort by their labels. Locale.ROOT: in some locales
      // (Arabic, for one) %d writes other digits.
      item.setSortText(String.format(Locale.ROOT, "!%04d", rank));
      item.setPreselect(rank == 0);
      item.setInsertTextFormat(InsertTextFormat.PlainText);
      item.setInsertTextMode(InsertTextMode.AsIs);
      item.setTextEdit(
          Either.forLeft(
              new TextEdit(range(snapshot, cursor - word.length(), end, encoding), newText)));
      item.setCommand(
          acceptCommand(offer(snapshot, cursor - word.length(), end, newText, word.length())));
      items.add(item);
    }
    return new CompletionList(true, items);
  }

  private static Command acceptCommand(String id) {
    return new Command("Codestral: suggestion accepted", ACCEPT_COMMAND, List.of(id));
  }

  private static Range range(
      DocumentSnapshot snapshot, int start, int end, PositionEncoding encoding) {
    return new Range(
        Conversions.toLsp(snapshot.positionAt(start, encoding)),
        Conversions.toLsp(snapshot.positionAt(end, encoding)));
  }

  /** The word (identifier characters) just before the cursor, which the menu filters on. */
  static String trailingWord(String linePrefix) {
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
    return text.substring(0, end);
  }

  /** The first line with text, stripped: a suggestion may start with a line break. */
  static String label(String text) {
    String line = firstLine(text).strip();
    return line.isEmpty() ? text.strip().lines().findFirst().orElse("") : line;
  }

  /** A Markdown code block that no backtick run inside the text can close early. */
  static String fenced(String languageId, String text) {
    int longestRun = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
    String fence = "`".repeat(Math.max(3, longestRun + 1));
    String body = text.replace("\r\n", "\n");
    return fence + (languageId == null ? "" : languageId) + "\n" + body + "\n" + fence;
  }
}
