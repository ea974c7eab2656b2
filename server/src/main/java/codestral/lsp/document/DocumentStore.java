package codestral.lsp.document;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents the editor has open, keyed by URI.
 *
 * <p>Writes come from the protocol thread only, in the order the editor sent them; reads come from
 * any thread and get an immutable snapshot, so nobody waits for anybody.
 */
public final class DocumentStore {
  private static final Logger LOG = System.getLogger(DocumentStore.class.getName());

  private final Map<String, DocumentSnapshot> documents = new ConcurrentHashMap<>();
  private final ActivityHistory history = new ActivityHistory(64);
  private volatile PositionEncoding encoding = PositionEncoding.UTF16;

  /** Sets the encoding negotiated in {@code initialize}; positions of later edits count in it. */
  public void setEncoding(PositionEncoding encoding) {
    this.encoding = encoding;
  }

  public PositionEncoding encoding() {
    return encoding;
  }

  public DocumentSnapshot open(String uri, String languageId, int version, String text) {
    DocumentSnapshot snapshot = new DocumentSnapshot(uri, languageId, version, text);
    documents.put(uri, snapshot);
    history.record(uri, snapshot.languageId(), RecentActivity.Kind.OPENED, 0);
    return snapshot;
  }

  /**
   * Applies the changes of one {@code didChange} in order, each on the result of the one before.
   *
   * @return the new snapshot, or empty when the document is unknown or the version is stale (both
   *     logged: an editor bug must not take the server down)
   */
  public Optional<DocumentSnapshot> change(String uri, int version, List<ContentChange> changes) {
    DocumentSnapshot current = documents.get(uri);
    if (current == null) {
      LOG.log(Level.WARNING, "didChange for a document that is not open: {0}", uri);
      return Optional.empty();
    }
    if (version <= current.version()) {
      LOG.log(
          Level.WARNING,
          "Ignoring didChange version {0} of {1}: version {2} is already applied",
          version,
          uri,
          current.version());
      return Optional.empty();
    }
    DocumentSnapshot next = current;
    int line = 0;
    for (ContentChange change : changes) {
      line = change.range() == null ? 0 : change.range().start().line();
      next = next.apply(change, version, encoding);
    }
    documents.put(uri, next);
    history.record(uri, next.languageId(), RecentActivity.Kind.EDITED, line);
    return Optional.of(next);
  }

  public void close(String uri) {
    history.forget(uri);
    if (documents.remove(uri) == null) {
      LOG.log(Level.DEBUG, "didClose for a document that is not open: {0}", uri);
    }
  }

  /** The current snapshot of a document, if it is open. */
  public Optional<DocumentSnapshot> get(String uri) {
    return Optional.ofNullable(documents.get(uri));
  }

  /** Recent opens and edits of documents still open, newest first. */
  public List<RecentActivity> recentActivity() {
    return history.recent();
  }

  public int size() {
    return documents.size();
  }
}
