package codestral.lsp.prompt;

import codestral.lsp.document.DocumentSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was read from the neighbours' windows (their identifier sets, and the lines of those used as
 * snippets with secrets dropped), kept from one completion to the next while the neighbour's text
 * stays the same.
 *
 * <p>While the user types in one file, the others do not change, yet every completion read and
 * scored the same windows of them again, and filtered the same snippets for secrets: most of the
 * cross-file context's cost under C1, with three neighbours open (WindowBenchmark). What is read is
 * kept per window (its first line) for the neighbour's snapshot it was read from, and dropped when
 * that document changes or stops being a neighbour: at most {@code MAX_DOCUMENTS} documents'
 * windows, some 100 KB at the per-document scan limit.
 *
 * <p>Thread-safe.
 */
final class NeighbourWindows {
  /** What was read from one snapshot of a neighbour, by the first line of the window. */
  private record Read(
      DocumentSnapshot snapshot,
      Map<Integer, Set<String>> identifiers,
      Map<Integer, List<String>> safeLines) {}

  private final Map<String, Read> byUri = new ConcurrentHashMap<>();

  /**
   * The identifiers of the window whose first line is {@code first}, spanning {@code [start, end)}.
   */
  Set<String> identifiers(DocumentSnapshot snapshot, int first, int start, int end) {
    // A window is fixed by its first line within one snapshot (its length follows from the lines).
    return read(snapshot)
        .identifiers()
        .computeIfAbsent(first, line -> Identifiers.of(snapshot.text(start, end)));
  }

  /** Lines {@code [first, end)} of the snapshot, without those {@link SecretLines} drops. */
  List<String> safeLines(DocumentSnapshot snapshot, int first, int end) {
    return read(snapshot)
        .safeLines()
        .computeIfAbsent(
            first,
            line -> {
              // Line by line from the document, which knows where its lines end: no regex split.
              List<String> window = new ArrayList<>(end - first);
              for (int at = first; at < end; at++) {
                window.add(snapshot.text(snapshot.lineStart(at), snapshot.lineEnd(at)));
              }
              return List.copyOf(SecretLines.filter(window));
            });
  }

  private Read read(DocumentSnapshot snapshot) {
    return byUri.compute(
        snapshot.uri(),
        (uri, kept) ->
            kept != null && kept.snapshot() == snapshot
                ? kept
                : new Read(snapshot, new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
  }

  /** Forgets every document but these, the neighbours of now. */
  void keepOnly(Set<String> uris) {
    byUri.keySet().retainAll(uris);
  }
}
