package codestral.lsp.document;

/**
 * A document the user touched: opened (viewed) or edited, and where.
 *
 * @param uri the document
 * @param languageId its language, as the editor named it
 * @param kind what the user did
 * @param line the line touched (0 for an open)
 */
public record RecentActivity(String uri, String languageId, Kind kind, int line) {

  /** What the user did to the document. */
  public enum Kind {
    OPENED,
    EDITED
  }
}
