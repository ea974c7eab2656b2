package codestral.lsp.prompt;

import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;

/** A test text with a {@code |} marking the cursor, opened in a store. */
record Cursor(DocumentSnapshot snapshot, String text, int offset) {

  static Cursor open(DocumentStore store, String uri, String languageId, String marked) {
    int offset = marked.indexOf('|');
    if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) {
      throw new IllegalArgumentException("mark the cursor with exactly one |: " + marked);
    }
    String text = marked.substring(0, offset) + marked.substring(offset + 1);
    return new Cursor(store.open(uri, languageId, 1, text), text, offset);
  }

  static Cursor of(String marked) {
    return open(new DocumentStore(), "file:///work/project/main.py", "python", marked);
  }

  String before() {
    return text.substring(0, offset);
  }

  String after() {
    return text.substring(offset);
  }
}
