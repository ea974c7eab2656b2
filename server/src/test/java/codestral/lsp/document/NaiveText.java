package codestral.lsp.document;

import java.util.ArrayList;
import java.util.List;

/**
 * The obvious, slow model of a document that the rope is checked against: a String, a list of line
 * starts rebuilt on every edit, and positions counted by walking code points.
 */
final class NaiveText {
  final String text;
  private final List<Integer> lineStarts = new ArrayList<>();

  NaiveText(String text) {
    this.text = text;
    lineStarts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      } else if (c != '\n' && c != '\r') {
        continue;
      }
      lineStarts.add(i + 1);
    }
  }

  int lineCount() {
    return lineStarts.size();
  }

  int lineStart(int line) {
    return lineStarts.get(line);
  }

  int lineEnd(int line) {
    if (line + 1 == lineStarts.size()) {
      return text.length();
    }
    int end = lineStarts.get(line + 1) - 1;
    if (text.charAt(end) == '\n' && end > lineStarts.get(line) && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  int lineOf(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int line = 0;
    while (line + 1 < lineStarts.size() && lineStarts.get(line + 1) <= clamped) {
      line++;
    }
    return line;
  }

  int offsetAt(TextPosition position, PositionEncoding encoding) {
    if (position.line() < 0) {
      return 0;
    }
    if (position.line() >= lineStarts.size()) {
      return text.length();
    }
    int offset = lineStart(position.line());
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
    return offset;
  }

  /** The offset moved back off the middle of a surrogate pair or a CRLF. */
  int rounded(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    if (clamped > 0 && clamped < text.length()) {
      char before = text.charAt(clamped - 1);
      char after = text.charAt(clamped);
      if ((before == '\r' && after == '\n')
          || (Character.isHighSurrogate(before) && Character.isLowSurrogate(after))) {
        return clamped - 1;
      }
    }
    return clamped;
  }

  TextPosition positionAt(int offset, PositionEncoding encoding) {
    int target = rounded(offset);
    int line = lineOf(target);
    int character = 0;
    int index = lineStart(line);
    while (index < target) {
      int codePoint = text.codePointAt(index);
      character += encoding.width(codePoint);
      index += Character.charCount(codePoint);
    }
    return new TextPosition(line, character);
  }

  /** Width of the line in units of the encoding. */
  int lineUnits(int line, PositionEncoding encoding) {
    return positionAt(lineEnd(line), encoding).character();
  }

  NaiveText apply(ContentChange change, PositionEncoding encoding) {
    if (change.range() == null) {
      return new NaiveText(change.text());
    }
    int start = offsetAt(change.range().start(), encoding);
    int end = offsetAt(change.range().end(), encoding);
    if (end < start) {
      int swap = start;
      start = end;
      end = swap;
    }
    return new NaiveText(text.substring(0, start) + change.text() + text.substring(end));
  }
}
