package codestral.lsp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.document.ContentChange;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeighbourWindowsTest {
  private static final String URI = "file:///work/util.py";
  private final DocumentStore store = new DocumentStore();
  private final NeighbourWindows windows = new NeighbourWindows();

  @Test
  void aWindowOfTheSameSnapshotIsReadOnce() {
    DocumentSnapshot snapshot = store.open(URI, "python", 1, "alpha beta\ngamma delta\n");

    Set<String> first = windows.identifiers(snapshot, 0, 0, snapshot.length());

    assertThat(windows.identifiers(snapshot, 0, 0, snapshot.length())).isSameAs(first);
    assertThat(first.size()).isEqualTo(4);
  }

  @Test
  void aNewSnapshotOfTheDocumentIsReadAgain() {
    DocumentSnapshot before = store.open(URI, "python", 1, "alpha beta\n");
    Set<String> old = windows.identifiers(before, 0, 0, before.length());

    DocumentSnapshot after =
        store.change(URI, 2, List.of(ContentChange.full("alpha beta gamma\n"))).orElseThrow();

    assertThat(windows.identifiers(after, 0, 0, after.length()).size()).isEqualTo(3);
    assertThat(old.size()).isEqualTo(2);
  }

  @Test
  void snippetLinesComeWithoutSecretsAndAreReadOnce() {
    DocumentSnapshot snapshot =
        store.open(
            URI,
            "python",
            1,
            "import os\r\nAPI_TOKEN = \"ghp_abcdefghijklmnopqrstuvwxyz0123\"\nprint(os.name)\n");

    List<String> lines = windows.safeLines(snapshot, 0, 3);

    assertThat(lines).containsExactly("import os", "print(os.name)");
    assertThat(windows.safeLines(snapshot, 0, 3)).isSameAs(lines);
  }

  @Test
  void documentsThatAreNoLongerNeighboursAreForgotten() {
    DocumentSnapshot snapshot = store.open(URI, "python", 1, "alpha beta\n");
    Set<String> kept = windows.identifiers(snapshot, 0, 0, snapshot.length());

    windows.keepOnly(Set.of("file:///work/other.py"));

    assertThat(windows.identifiers(snapshot, 0, 0, snapshot.length())).isNotSameAs(kept);
  }
}
