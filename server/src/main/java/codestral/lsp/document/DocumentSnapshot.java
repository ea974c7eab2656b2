package codestral.lsp.document;

/**
 * One version of an open document, immutable, so a completion request can hold it while the editor
 * goes on typing.
 *
 * <p>Offsets are Java {@code char} indexes (UTF-16 code units) into the text; positions are lines
 * and characters in an encoding chosen per call. Line breaks are {@code \n}, {@code \r\n} and
 * {@code \r}, each counting as one break.
 *
 * <p>The text lives in a persistent {@link Rope}: {@link #apply} costs O(log n) plus the size of
 * the change, shares every untouched chunk with this snapshot, and leaves this snapshot as it was.
 * Holding a snapshot therefore costs one reference, and every query here is O(log n) plus the
 * length of what it returns; only {@link #text()} is O(document).
 *
 * <p>Two rounding rules keep callers from cutting a character in half: an offset inside a surrogate
 * pair, or between the {@code \r} and {@code \n} of a CRLF, is moved back to the pair's or the
 * break's start; a position whose character falls inside a code point means that code point's
 * start.
 */
public final class DocumentSnapshot {
  private final String uri;
  private final String languageId;
  private final int version;
  private final Rope text;

  public DocumentSnapshot(String uri, String languageId, int version, String text) {
    this(uri, languageId, version, Rope.of(text));
  }

  /** A snapshot whose rope uses the given chunk size; for tests that need many chunks. */
  static DocumentSnapshot withChunkSize(String uri, int version, String text, int maxChunk) {
    return new DocumentSnapshot(uri, "", version, Rope.of(text, maxChunk));
  }

  private DocumentSnapshot(String uri, String languageId, int version, Rope text) {
    this.uri = uri;
    this.languageId = languageId == null ? "" : languageId;
    this.version = version;
    this.text = text;
  }

  public String uri() {
    return uri;
  }

  public String languageId() {
    return languageId;
  }

  public int version() {
    return version;
  }

  /** Length of the text in UTF-16 code units. */
  public int length() {
    return text.length();
  }

  /**
   * The text between two offsets, copied: O(log n + end - start).
   *
   * @throws IndexOutOfBoundsException when the range is not inside the text
   */
  public String text(int start, int end) {
    return text.text(start, end);
  }

  /**
   * Copies the chars between two offsets into {@code destination} from {@code destinationStart},
   * like {@link String#getChars}: O(log n + end - start), and no string is made. For scans.
   *
   * @throws IndexOutOfBoundsException when the range is not inside the text or the destination
   */
  public void getChars(int start, int end, char[] destination, int destinationStart) {
    text.getChars(start, end, destination, destinationStart);
  }

  /** The whole text, copied: O(document). Prefer {@link #text(int, int)} or {@link #chars()}. */
  public String text() {
    return text.text(0, text.length());
  }

  /**
   * The char at an offset, in O(log n).
   *
   * @throws IndexOutOfBoundsException when the offset is not inside the text
   */
  public char charAt(int offset) {
    return text.charAt(offset);
  }

  /**
   * A read-only view of the text that copies nothing: {@code charAt} is O(log n), {@code
   * subSequence} copies only the range. Good for scanning a few chars around the cursor; a
   * whole-document scan through it is slower than one {@link #text()}.
   */
  public CharSequence chars() {
    return new Chars(text, 0, text.length());
  }

  public int lineCount() {
    return text.breaks() + 1;
  }

  /**
   * Offset of the first character of the line.
   *
   * @throws IndexOutOfBoundsException when the line is not in the document
   */
  public int lineStart(int line) {
    checkLine(line);
    return text.lineStart(line);
  }

  /**
   * Offset just past the last character of the line, before its line break.
   *
   * @throws IndexOutOfBoundsException when the line is not in the document
   */
  public int lineEnd(int line) {
    checkLine(line);
    return text.lineEnd(line);
  }

  /**
   * The line that holds the offset, clamped to the document. An offset between the {@code \r} and
   * {@code \n} of a CRLF is on the line that the CRLF ends.
   */
  public int lineOf(int offset) {
    return text.lineOf(clamp(offset));
  }

  /**
   * The offset of a position, following the protocol's rules: a character past the end of its line
   * means the end of the line; a line past the end means the end of the document. A character that
   * falls inside a code point is rounded down to its start, so no caller ever splits a surrogate
   * pair. A negative line means the start of the document, a negative character the start of the
   * line.
   */
  public int offsetAt(TextPosition position, PositionEncoding encoding) {
    if (position.line() < 0) {
      return 0;
    }
    if (position.line() > text.breaks()) {
      return text.length();
    }
    if (position.character() <= 0) {
      return text.lineStart(position.line());
    }
    return text.offsetAt(position.line(), position.character(), encoding);
  }

  /**
   * The position of an offset, clamped to the document. An offset inside a surrogate pair or a CRLF
   * is first moved back to the pair's or the break's start.
   */
  public TextPosition positionAt(int offset, PositionEncoding encoding) {
    return text.positionAt(clamp(offset), encoding);
  }

  /** A new snapshot with one change applied; positions count in {@code encoding}. */
  public DocumentSnapshot apply(ContentChange change, int newVersion, PositionEncoding encoding) {
    String inserted = change.text() == null ? "" : change.text();
    if (change.range() == null) {
      return new DocumentSnapshot(uri, languageId, newVersion, text.withText(inserted));
    }
    int start = offsetAt(change.range().start(), encoding);
    int end = offsetAt(change.range().end(), encoding);
    if (end < start) {
      int swap = start;
      start = end;
      end = swap;
    }
    return new DocumentSnapshot(uri, languageId, newVersion, text.replace(start, end, inserted));
  }

  private int clamp(int offset) {
    return Math.max(0, Math.min(offset, text.length()));
  }

  private void checkLine(int line) {
    if (line < 0 || line > text.breaks()) {
      throw new IndexOutOfBoundsException("line " + line + " of " + lineCount());
    }
  }

  /** The rope, for tests of its shape. */
  Rope rope() {
    return text;
  }

  @Override
  public String toString() {
    return "DocumentSnapshot[" + uri + " v" + version + ", " + text.length() + " chars]";
  }

  /** A window on the rope; holds the rope, so it stays valid whatever happens to the document. */
  private static final class Chars implements CharSequence {
    private final Rope rope;
    private final int start;
    private final int end;

    Chars(Rope rope, int start, int end) {
      this.rope = rope;
      this.start = start;
      this.end = end;
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= end - start) {
        throw new IndexOutOfBoundsException("index " + index + ", length " + (end - start));
      }
      return rope.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      if (from < 0 || to > end - start || from > to) {
        throw new IndexOutOfBoundsException("[" + from + ", " + to + "), length " + (end - start));
      }
      return new Chars(rope, start + from, start + to);
    }

    @Override
    public String toString() {
      return rope.text(start, end);
    }
  }
}
