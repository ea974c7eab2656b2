package codestral.lsp.document;

import java.util.Arrays;

/**
 * One version of an open document, immutable, so a completion request can hold it while the
 * editor goes on typing.
 *
 * <p>Offsets are Java {@code char} indexes (UTF-16 code units) into the text; positions are lines
 * and characters in an encoding chosen per call. Line breaks are {@code \n}, {@code \r\n} and
 * {@code \r}, each counting as one break.
 */
public final class DocumentSnapshot {
  private final String uri;
  private final String languageId;
  private final int version;
  private final String text;
  /** Offset at which each line starts; line 0 starts at 0. */
  private final int[] lineStarts;

  public DocumentSnapshot(String uri, String languageId, int version, String text) {
    this.uri = uri;
    this.languageId = languageId == null ? "" : languageId;
    this.version = version;
    this.text = text;
    this.lineStarts = computeLineStarts(text);
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

  /** The text between two offsets. */
  public String text(int start, int end) {
    return text.substring(start, end);
  }

  /** The whole text. Costs a copy in later representations: prefer {@link #text(int, int)}. */
  public String text() {
    return text;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** Offset of the first character of the line. */
  public int lineStart(int line) {
    return lineStarts[line];
  }

  /** Offset just past the last character of the line, before its line break. */
  public int lineEnd(int line) {
    int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
    if (end > lineStarts[line] && end <= text.length() && line + 1 < lineStarts.length) {
      // Step back over the break: "\n", "\r" or "\r\n".
      end--;
      if (text.charAt(end) == '\n' && end > lineStarts[line] && text.charAt(end - 1) == '\r') {
        end--;
      }
    }
    return end;
  }

  /** The line that holds the offset. */
  public int lineOf(int offset) {
    int index = Arrays.binarySearch(lineStarts, offset);
    return index >= 0 ? index : -index - 2;
  }

  /**
   * The offset of a position, following the protocol's rules: a character past the end of its
   * line means the end of the line; a line past the end means the end of the document. A
   * character that falls inside a code point is rounded down to its start, so no caller ever
   * splits a surrogate pair.
   */
  public int offsetAt(TextPosition position, PositionEncoding encoding) {
    if (position.line() < 0) {
      return 0;
    }
    if (position.line() >= lineStarts.length) {
      return text.length();
    }
    int offset = lineStarts[position.line()];
    int end = lineEnd(position.line());
    int remaining = Math.max(0, position.character());
    while (offset < end) {
      int codePoint = text.codePointAt(offset);
      int width = encoding.width(codePoint);
      if (width > remaining) {
        break;
      }
      remaining -= width;
      offset += Character.charCount(codePoint);
    }
    return Math.min(offset, end);
  }

  /** The position of an offset, clamped to the document. */
  public TextPosition positionAt(int offset, PositionEncoding encoding) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int line = lineOf(clamped);
    int character = 0;
    int index = lineStarts[line];
    while (index < clamped) {
      int codePoint = text.codePointAt(index);
      character += encoding.width(codePoint);
      index += Character.charCount(codePoint);
    }
    return new TextPosition(line, character);
  }

  /** A new snapshot with one change applied; positions count in {@code encoding}. */
  public DocumentSnapshot apply(ContentChange change, int newVersion, PositionEncoding encoding) {
    if (change.range() == null) {
      return new DocumentSnapshot(uri, languageId, newVersion, change.text());
    }
    int start = offsetAt(change.range().start(), encoding);
    int end = offsetAt(change.range().end(), encoding);
    if (end < start) {
      int swap = start;
      start = end;
      end = swap;
    }
    String updated = text.substring(0, start) + change.text() + text.substring(end);
    return new DocumentSnapshot(uri, languageId, newVersion, updated);
  }

  private static int[] computeLineStarts(String text) {
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      } else if (c != '\n' && c != '\r') {
        continue;
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = i + 1;
    }
    return Arrays.copyOf(starts, count);
  }

  @Override
  public String toString() {
    return "DocumentSnapshot[" + uri + " v" + version + ", " + text.length() + " chars]";
  }
}
