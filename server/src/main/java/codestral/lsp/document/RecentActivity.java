package codestral.lsp.document;

/**
 * A document the user touched: opened (viewed) or edited, and where.
 *
 * @param uri the document
 * @param languageId its language, as the editor named it
 * @param kind what the user did
 * @param line the line touched (0 for an open)
 * @param epochMillis when, by the store's clock
 */
public record RecentActivity(String uri, String languageId, Kind kind, int line, long epochMillis) {

  /** What the user did to the document. */
  public enum Kind {
    OPENED,
    EDITED
  }
}
