package codestral.lsp.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The last few suggestions shown (or still streaming) per document, so that when the user types the
 * first characters of one, the rest is answered without a new call.
 *
 * <p>An entry is keyed by the text before the cursor it was made for. A later request matches when
 * its text before the cursor is that text plus what the user typed since, the text after the cursor
 * on the line is unchanged, and the suggestion starts with what was typed (for a suggestion still
 * streaming: the text streamed so far does). Prefixes are compared over the window that was sent,
 * which is what the model saw, so a match costs O(window), not O(document).
 *
 * <p>Bounded: {@value #PER_DOCUMENT} entries per document, {@value #DOCUMENTS} documents, entries
 * older than the cache's age are dropped.
 *
 * @param <T> what the caller keeps with a suggestion (its window and request, for instance)
 */
public final class TypedAheadIndex<T> {
  static final int PER_DOCUMENT = 4;
  static final int DOCUMENTS = 64;

  private final Supplier<Cache<String, Deque<Entry<T>>>> documents;

  public TypedAheadIndex(Duration maximumAge, Ticker ticker) {
    this.documents =
        new BuiltOnFirstUse<>(
            () ->
                Caffeine.newBuilder()
                    .maximumSize(DOCUMENTS)
                    .expireAfterAccess(maximumAge)
                    .ticker(ticker)
                    .executor(Runnable::run)
                    .<String, Deque<Entry<T>>>build());
  }

  /** Builds the index's cache now (for a warm-up thread), so that no request pays for it. */
  public void prepare() {
    documents.get();
  }

  /**
   * Remembers a suggestion being made: its text grows with {@link Entry#grow} while it streams and
   * is fixed with {@link Entry#finish}; {@link Entry#discard} drops it.
   *
   * @param prefix the text before the cursor that was sent (ends at the cursor)
   * @param cursorOffset the cursor's offset in the document
   * @param lineSuffix the text after the cursor on its line
   */
  public Entry<T> remember(
      String uri, String prefix, int cursorOffset, String lineSuffix, T context) {
    return remember(uri, prefix, cursorOffset, lineSuffix, context, false);
  }

  /**
   * As {@link #remember(String, String, int, String, Object)}; {@code ahead} marks a suggestion
   * asked for before the editor asked (the one after an accepted suggestion), which also answers a
   * request at its own position, not only one typed into it.
   */
  public Entry<T> remember(
      String uri, String prefix, int cursorOffset, String lineSuffix, T context, boolean ahead) {
    Entry<T> entry = new Entry<>(this, uri, prefix, cursorOffset, lineSuffix, context, ahead);
    Deque<Entry<T>> entries = documents.get().get(uri, key -> new ArrayDeque<>());
    synchronized (entries) {
      entries.addFirst(entry);
      while (entries.size() > PER_DOCUMENT) {
        entries.removeLast();
      }
    }
    return entry;
  }

  /**
   * The newest suggestion the user has been typing into, if any.
   *
   * @param prefix the text before the cursor now (the window's prefix, ending at the cursor)
   * @param cursorOffset the cursor's offset now
   * @param lineSuffix the text after the cursor on its line now
   */
  public Optional<Match<T>> find(String uri, String prefix, int cursorOffset, String lineSuffix) {
    Deque<Entry<T>> entries = documents.get().getIfPresent(uri);
    if (entries == null) {
      return Optional.empty();
    }
    synchronized (entries) {
      for (Entry<T> entry : entries) {
        String typed = typedSince(entry, prefix, cursorOffset, lineSuffix);
        if (typed != null && entry.agreesWith(typed)) {
          return Optional.of(new Match<>(entry, typed));
        }
      }
    }
    return Optional.empty();
  }

  /** Forgets a document's suggestions, when it is closed. */
  public void forget(String uri) {
    documents.get().invalidate(uri);
  }

  /** What the user typed since the entry was made, or null when the texts do not line up. */
  private static String typedSince(
      Entry<?> entry, String prefix, int cursorOffset, String lineSuffix) {
    int typedLength = cursorOffset - entry.cursorOffset;
    if (typedLength < 0
        || (typedLength == 0 && !entry.ahead)
        || typedLength > prefix.length()
        || !lineSuffix.equals(entry.lineSuffix)) {
      return null;
    }
    int before = prefix.length() - typedLength;
    int overlap = Math.min(before, entry.prefix.length());
    if (!prefix.regionMatches(
        before - overlap, entry.prefix, entry.prefix.length() - overlap, overlap)) {
      return null;
    }
    return prefix.substring(before);
  }

  private void remove(Entry<T> entry) {
    Deque<Entry<T>> entries = documents.get().getIfPresent(entry.uri);
    if (entries != null) {
      synchronized (entries) {
        entries.remove(entry);
      }
    }
  }

  /** A suggestion and what the user typed of it. */
  public record Match<T>(Entry<T> entry, String typed) {}

  /**
   * One suggestion, growing while it streams. Thread-safe: written by the HTTP thread, read by any.
   */
  public static final class Entry<T> {
    private final TypedAheadIndex<T> index;
    private final String uri;
    private final String prefix;
    private final int cursorOffset;
    private final String lineSuffix;
    private final T context;
    private final boolean ahead;
    private volatile String text = "";
    private volatile boolean finished;

    private Entry(
        TypedAheadIndex<T> index,
        String uri,
        String prefix,
        int cursorOffset,
        String lineSuffix,
        T context,
        boolean ahead) {
      this.index = index;
      this.ahead = ahead;
      this.uri = uri;
      this.prefix = prefix;
      this.cursorOffset = cursorOffset;
      this.lineSuffix = lineSuffix;
      this.context = context;
    }

    /** The text streamed so far. */
    public void grow(String textSoFar) {
      if (!finished) {
        text = textSoFar;
      }
    }

    /** The final suggestion, as shown to the user. */
    public void finish(String suggestion) {
      text = suggestion;
      finished = true;
    }

    /** Drops the entry: the call failed, was abandoned, or suggested nothing. */
    public void discard() {
      index.remove(this);
    }

    public T context() {
      return context;
    }

    public String text() {
      return text;
    }

    public boolean isFinished() {
      return finished;
    }

    /**
     * Whether the typed text is the start of this suggestion: with something left after it once
     * finished; while it streams, as far as it has come (a stream that has not yet reached what was
     * typed is no evidence, and waiting on it could end with nothing).
     */
    boolean agreesWith(String typed) {
      String current = text;
      if (finished) {
        return current.length() > typed.length() && current.startsWith(typed);
      }
      return current.startsWith(typed);
    }
  }
}
