package codestral.lsp.lsp;

import codestral.lsp.document.ContentChange;
import codestral.lsp.document.TextPosition;
import codestral.lsp.document.TextRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** Between LSP4J's position types and the document package's plain ones. */
final class Conversions {
  private Conversions() {}

  static TextPosition toPlain(Position position) {
    return new TextPosition(position.getLine(), position.getCharacter());
  }

  static Position toLsp(TextPosition position) {
    return new Position(position.line(), position.character());
  }

  static TextRange toPlain(Range range) {
    return new TextRange(toPlain(range.getStart()), toPlain(range.getEnd()));
  }

  static ContentChange toPlain(TextDocumentContentChangeEvent event) {
    // rangeLength is deprecated and ambiguous across encodings: the range alone is the truth.
    String text = event.getText() == null ? "" : event.getText();
    return event.getRange() == null
        ? ContentChange.full(text)
        : new ContentChange(toPlain(event.getRange()), text);
  }
}
