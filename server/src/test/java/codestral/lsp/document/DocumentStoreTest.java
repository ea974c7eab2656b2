package codestral.lsp.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DocumentStoreTest {
  private static final String URI = "file:///work/main.py";

  private final DocumentStore store = new DocumentStore();
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Logger log = Logger.getLogger(DocumentStore.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureWarnings() {
    log.addHandler(capture);
  }

  @AfterEach
  void releaseWarnings() {
    log.removeHandler(capture);
  }

  private static ContentChange insert(int line, int character, String text) {
    TextPosition at = new TextPosition(line, character);
    return new ContentChange(new TextRange(at, at), text);
  }

  @Test
  void theChangesOfOneDidChangeApplyInOrderEachOnTheResultOfTheOneBefore() {
    store.open(URI, "python", 1, "ab\n");
    // The second change's position only exists after the first: "ab" + "\ncd" then line 1 "c|d".
    DocumentSnapshot next =
        store
            .change(URI, 2, List.of(insert(0, 2, "\ncd"), insert(1, 1, "X"), insert(0, 0, ">")))
            .orElseThrow();
    assertThat(next.text()).isEqualTo(">ab\ncXd\n");
    assertThat(next.version()).isEqualTo(2);
    assertThat(store.get(URI).orElseThrow()).isSameAs(next);
  }

  @Test
  void anOlderOrEqualVersionIsRejectedWithAWarningAndChangesNothing() {
    store.open(URI, "python", 5, "x");
    assertThat(store.change(URI, 5, List.of(insert(0, 0, "a")))).isEmpty();
    assertThat(store.change(URI, 4, List.of(insert(0, 0, "b")))).isEmpty();
    assertThat(store.get(URI).orElseThrow().text()).isEqualTo("x");
    assertThat(warnings).hasSize(2);
    assertThat(store.change(URI, 6, List.of(insert(0, 1, "y")))).isPresent();
    assertThat(store.get(URI).orElseThrow().text()).isEqualTo("xy");
  }

  @Test
  void aDidChangeForAnUnknownDocumentIsLoggedAndIgnored() {
    assertThat(store.change("file:///nowhere", 2, List.of(insert(0, 0, "a")))).isEmpty();
    assertThat(store.size()).isZero();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getParameters()).contains("file:///nowhere");
  }

  @Test
  void didCloseFreesTheDocumentAndItsHistory() {
    store.open(URI, "python", 1, "x");
    store.open("file:///other.py", "python", 1, "y");
    store.change(URI, 2, List.of(insert(0, 0, "a")));
    store.close(URI);
    assertThat(store.get(URI)).isEmpty();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.recentActivity())
        .extracting(RecentActivity::uri)
        .containsOnly("file:///other.py");
    // Reopening starts again from the editor's version, whatever it was before.
    store.open(URI, "python", 1, "fresh");
    assertThat(store.get(URI).orElseThrow().text()).isEqualTo("fresh");
  }

  @Test
  void recentActivityRecordsOpensAndTheLineOfEachEditNewestFirst() {
    store.open(URI, "python", 1, "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
    store.change(URI, 2, List.of(insert(9, 0, "#")));
    List<RecentActivity> recent = store.recentActivity();
    assertThat(recent)
        .extracting(RecentActivity::kind)
        .containsExactly(RecentActivity.Kind.EDITED, RecentActivity.Kind.OPENED);
    assertThat(recent.get(0).line()).isEqualTo(9);
    assertThat(recent.get(0).languageId()).isEqualTo("python");
  }

  @Test
  void aSnapshotTakenBeforeAnEditStillReadsItsOwnVersion() {
    store.open(URI, "python", 1, "x = 1\n");
    DocumentSnapshot held = store.get(URI).orElseThrow();
    store.change(URI, 2, List.of(insert(0, 4, "4")));
    assertThat(held.text()).isEqualTo("x = 1\n");
    assertThat(store.get(URI).orElseThrow().text()).isEqualTo("x = 41\n");
  }
}
