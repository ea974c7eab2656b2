package codestral.lsp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InlineCompletionContext;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InlineCompletionParams;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * A person typing a stretch of a real file into the server, in real time, with an editor between
 * them as VS Code and Neovim behave: a {@code didChange} per key (Enter brings the next line's
 * indentation, as auto-indent does), an automatic inline request once the keys pause for the
 * editor's debounce, {@code $/cancelRequest} for a request the next key made stale, {@code
 * didShowCompletion} for ghost text, and the acceptance command (Tab) or {@code
 * didPartiallyAcceptCompletion} (next word) when the person takes a suggestion.
 *
 * <p>The person accepts a suggestion when it is what they were about to type: whole when all of it
 * is, word by word as far as it is. Keystroke gaps come from a seeded distribution: quick inside
 * words, longer after spaces and punctuation, pauses at line ends and longer ones before a new
 * block; a person takes a moment to read ghost text before accepting it.
 *
 * <p>What is recorded: keys pressed, characters typed and accepted, the wait from the last key of a
 * pause to the ghost text, the response time of the request after an acceptance, and any answer
 * that did not fit the document it was asked for (a stale suggestion). The same class drives the CI
 * replay (fast person, fast model) and the benchmark (human person, API-like model).
 */
final class TypingReplay {
  /** A pause: a gap this long or longer, in which ghost text is worth waiting for. */
  static final long PAUSE_NANOS = 400_000_000L;

  /** How fast the person is: gap scale (1 = human), reading time before accepting. */
  record Person(long seed, double speed) {
    static Person human(long seed) {
      return new Person(seed, 1.0);
    }
  }

  /** What one replay saw. */
  static final class Result {
    int keys;
    int typedChars;
    int acceptedChars;
    int wholeAcceptances;
    int wordAcceptances;
    int pauses;
    int pausesWithGhostText;
    int staleSuggestions;
    int requests;
    final List<Long> pauseWaitNanos = new ArrayList<>();
    final List<Long> afterAcceptanceNanos = new ArrayList<>();
    String finalText;

    void add(Result other) {
      keys += other.keys;
      typedChars += other.typedChars;
      acceptedChars += other.acceptedChars;
      wholeAcceptances += other.wholeAcceptances;
      wordAcceptances += other.wordAcceptances;
      pauses += other.pauses;
      pausesWithGhostText += other.pausesWithGhostText;
      staleSuggestions += other.staleSuggestions;
      requests += other.requests;
      pauseWaitNanos.addAll(other.pauseWaitNanos);
      afterAcceptanceNanos.addAll(other.afterAcceptanceNanos);
    }
  }

  private final EditorConnection lsp;
  private final String uri;
  private final String file;
  private final int end;
  private final Random random;
  private final double speed;
  private final long editorDebounceNanos;
  private final StringBuilder document;
  private final Result result = new Result();

  /** Where the person is in the file; the document's cursor is at the same offset. */
  private int typedTo;

  /**
   * @param file the whole file; the person types {@code [start, end)} of it into a document that
   *     holds the rest, cursor at {@code start}
   * @param editorDebounceMillis how long the editor waits after a key before asking
   */
  TypingReplay(
      EditorConnection lsp,
      String uri,
      String file,
      int start,
      int end,
      Person person,
      long editorDebounceMillis) {
    this.lsp = lsp;
    this.uri = uri;
    this.file = file;
    this.end = end;
    this.random = new Random(person.seed());
    this.speed = person.speed();
    this.editorDebounceNanos = TimeUnit.MILLISECONDS.toNanos(editorDebounceMillis);
    this.document =
        new StringBuilder(file.length()).append(file, 0, start).append(file, end, file.length());
    this.typedTo = start;
  }

  /** The document as the editor opens it, before the first key. */
  String openingText() {
    return document.toString();
  }

  /** Types the whole stretch; the document is open in the server already. */
  Result run() {
    Action next = null;
    while (typedTo < end) {
      long actionAt;
      boolean afterAcceptance = false;
      if (next == null) {
        actionAt = System.nanoTime();
        typeOneKey();
      } else {
        afterAcceptance = accept(next);
        actionAt = System.nanoTime();
      }
      next = null;
      long gap = gapBefore(typedTo);
      if (afterAcceptance) {
        // Having taken one, a person looks for the next suggestion before typing on.
        gap = Math.max(gap, scaled(700 * Math.exp(0.3 * random.nextGaussian())));
      }
      long nextKeyAt = actionAt + gap;
      boolean pause = gap >= PAUSE_NANOS;
      if (pause) {
        result.pauses++;
      }
      if (typedTo >= end) {
        break;
      }
      long askAt = actionAt + editorDebounceNanos;
      if (askAt < nextKeyAt) {
        sleepUntil(askAt);
        next = askAndRead(actionAt, nextKeyAt, pause, afterAcceptance);
      }
      if (next == null) {
        sleepUntil(nextKeyAt);
      }
    }
    result.finalText = document.toString();
    return result;
  }

  /** A suggestion the person takes: the item, and how much of its new text. */
  private record Action(
      InlineCompletionItem item, int leadLength, int takenLength, boolean whole, long shownAt) {}

  /** One key: a char, or Enter with the next line's indentation (auto-indent). */
  private void typeOneKey() {
    int from = typedTo;
    int to = from + 1;
    if (file.charAt(from) == '\n') {
      while (to < end && (file.charAt(to) == ' ' || file.charAt(to) == '\t')) {
        to++;
      }
    } else if (Character.isHighSurrogate(file.charAt(from)) && to < end) {
      to++;
    }
    insert(file.substring(from, to));
    result.keys++;
    result.typedChars += to - from;
  }

  /** Inserts text at the cursor, as one didChange. */
  private void insert(String text) {
    Position at = position(typedTo);
    document.insert(typedTo, text);
    typedTo += text.length();
    lsp.change(
        uri,
        EditorConnection.edit(
            at.getLine(), at.getCharacter(), at.getLine(), at.getCharacter(), text));
  }

  /**
   * Asks as the editor does and waits for the answer until the next key; the person's decision when
   * ghost text appears in time, else null.
   */
  private Action askAndRead(long actionAt, long nextKeyAt, boolean pause, boolean afterAcceptance) {
    Position cursor = position(typedTo);
    InlineCompletionParams params =
        new InlineCompletionParams(
            new TextDocumentIdentifier(uri),
            cursor,
            new InlineCompletionContext(InlineCompletionTriggerKind.Automatic));
    long sentAt = System.nanoTime();
    result.requests++;
    CompletableFuture<Either<List<InlineCompletionItem>, InlineCompletionList>> request =
        lsp.server().getTextDocumentService().inlineCompletion(params);
    Either<List<InlineCompletionItem>, InlineCompletionList> answer;
    try {
      answer = request.get(Math.max(0, nextKeyAt - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException late) {
      // The next key makes it stale: the editor cancels it ($/cancelRequest).
      request.cancel(true);
      return null;
    } catch (Exception e) {
      throw new AssertionError("inline request failed: " + e, e);
    }
    long shownAt = System.nanoTime();
    List<InlineCompletionItem> items =
        answer == null
            ? List.of()
            : answer.isLeft() ? answer.getLeft() : answer.getRight().getItems();
    if (items.isEmpty()) {
      return null;
    }
    InlineCompletionItem item = items.get(0);
    int rangeStart = offset(item.getRange().getStart());
    int rangeEnd = offset(item.getRange().getEnd());
    String insertText = item.getInsertText().getLeft();
    int lead = typedTo - rangeStart;
    if (rangeStart > typedTo
        || lead > insertText.length()
        || !document.substring(rangeStart, typedTo).equals(insertText.substring(0, lead))) {
      // Made for another text than the one it was asked for: never acceptable.
      result.staleSuggestions++;
      return null;
    }
    if (pause) {
      result.pausesWithGhostText++;
      result.pauseWaitNanos.add(shownAt - actionAt);
    }
    if (afterAcceptance) {
      result.afterAcceptanceNanos.add(shownAt - sentAt);
    }
    lsp.extensions().didShowCompletion(Map.of("item", item));
    if (rangeEnd != typedTo) {
      return null; // It would replace text after the cursor: the person types on.
    }
    String suggested = insertText.substring(lead);
    int matching = 0;
    int limit = Math.min(suggested.length(), end - typedTo);
    while (matching < limit && suggested.charAt(matching) == file.charAt(typedTo + matching)) {
      matching++;
    }
    if (matching == suggested.length()) {
      return new Action(item, lead, matching, true, shownAt);
    }
    int words = lastWordEnd(suggested, matching);
    return words > 0 ? new Action(item, lead, words, false, shownAt) : null;
  }

  /** The end of the last whole word within the first {@code length} chars, or 0. */
  private static int lastWordEnd(String text, int length) {
    for (int i = length; i > 0; i--) {
      boolean wordEnds = Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_';
      boolean nextIsNot =
          i == text.length()
              || !(Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_');
      if (wordEnds && nextIsNot) {
        return i;
      }
    }
    return 0;
  }

  /** Takes a suggestion after reading it; whether it was taken whole. */
  private boolean accept(Action action) {
    sleepUntil(action.shownAt() + readingNanos(action.takenLength()));
    String insertText = action.item().getInsertText().getLeft();
    if (action.whole()) {
      Position start = action.item().getRange().getStart();
      Position cursor = position(typedTo);
      int rangeStart = typedTo - action.leadLength();
      document.replace(rangeStart, typedTo, insertText);
      typedTo = rangeStart + insertText.length();
      lsp.change(
          uri,
          EditorConnection.edit(
              start.getLine(),
              start.getCharacter(),
              cursor.getLine(),
              cursor.getCharacter(),
              insertText));
      ExecuteCommandParams command =
          new ExecuteCommandParams(
              action.item().getCommand().getCommand(), action.item().getCommand().getArguments());
      lsp.server().getWorkspaceService().executeCommand(command);
      result.keys++;
      result.wholeAcceptances++;
      result.acceptedChars += action.takenLength();
      return true;
    }
    // Word by word, as "accept next word" does: each word its own edit and report.
    String taken =
        insertText.substring(action.leadLength(), action.leadLength() + action.takenLength());
    int done = 0;
    while (done < taken.length()) {
      int wordEnd = nextWordEnd(taken, done);
      insert(taken.substring(done, wordEnd));
      done = wordEnd;
      lsp.extensions()
          .didPartiallyAcceptCompletion(
              Map.of("item", action.item(), "acceptedLength", action.leadLength() + done));
      result.keys++;
      result.wordAcceptances++;
      if (done < taken.length()) {
        sleepUntil(System.nanoTime() + scaled(120));
      }
    }
    result.acceptedChars += taken.length();
    return false;
  }

  /** The end of the word that starts at or after {@code from}, with what separates it before. */
  private static int nextWordEnd(String text, int from) {
    int i = from;
    while (i < text.length()
        && !(Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    while (i < text.length()
        && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    return Math.max(i, from + 1);
  }

  /**
   * The gap before the key at {@code next}: log-normal around 110 ms inside a word, 190 ms after a
   * space or punctuation, 650 ms at a line's start and 1.6 s before a new block (after a blank
   * line), each scaled by the person's speed.
   */
  private long gapBefore(int next) {
    // Enter brought the indentation with it: the key before is the line break.
    int before = next;
    while (before > 0 && (file.charAt(before - 1) == ' ' || file.charAt(before - 1) == '\t')) {
      before--;
    }
    char previous = before > 0 ? file.charAt(before - 1) : '\n';
    if (previous != '\n') {
      previous = next > 0 ? file.charAt(next - 1) : '\n';
    }
    double medianMs;
    if (previous == '\n') {
      boolean blankBefore = before > 1 && file.charAt(before - 2) == '\n';
      medianMs = blankBefore ? 1_600 : 650;
    } else if (Character.isLetterOrDigit(previous) || previous == '_') {
      medianMs = 110;
    } else {
      medianMs = 190;
    }
    double ms = medianMs * Math.exp(0.35 * random.nextGaussian());
    return scaled(ms);
  }

  /** A person reads ghost text before taking it: 250 ms and 8 ms a char, at most 1.2 s. */
  private long readingNanos(int chars) {
    return scaled(Math.min(1_200, 250 + 8.0 * chars) * Math.exp(0.2 * random.nextGaussian()));
  }

  private long scaled(double millis) {
    return (long) (millis * speed * 1_000_000);
  }

  private Position position(int offset) {
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (document.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, offset - lineStart);
  }

  private int offset(Position position) {
    int line = 0;
    int i = 0;
    while (line < position.getLine() && i < document.length()) {
      if (document.charAt(i) == '\n') {
        line++;
      }
      i++;
    }
    return Math.min(document.length(), i + position.getCharacter());
  }

  private static void sleepUntil(long deadline) {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
