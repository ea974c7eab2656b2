package codestral.lsp.prompt;

import codestral.lsp.document.DocumentSnapshot;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identifier sets of the neighbours' windows, kept from one completion to the next while the
 * neighbour's text stays the same.
 *
 * <p>While the user types in one file, the others do not change, yet every completion scored the
 * same windows of them again: about 0.45 ms of a completion's 1 ms of cross-file context under C1,
 * with three neighbours open (WindowBenchmark). A set is kept per window (its first line) for the
 * neighbour's snapshot it was read from, and dropped when that document changes or stops being a
 * neighbour: at most {@code MAX_DOCUMENTS} documents' windows, some 100 KB at the per-document
 * scan limit.
 *
 * <p>Thread-safe.
 */
final class NeighbourWindows {
  /** The sets read from one snapshot of a neighbour, by the first line of their window. */
  private record Read(DocumentSnapshot snapshot, Map<Integer, Identifiers.Set> byFirstLine) {}

  private final Map<String, Read> byUri = new ConcurrentHashMap<>();

  /** The identifiers of the window whose first line is {@code first}, spanning {@code [start, end)}. */
  Identifiers.Set identifiers(DocumentSnapshot snapshot, int first, int start, int end) {
    Read read =
        byUri.compute(
            snapshot.uri(),
            (uri, kept) ->
                kept != null && kept.snapshot() == snapshot ? kept : new Read(snapshot, new ConcurrentHashMap<>()));
    // A window is fixed by its first line within one snapshot (its length follows from the lines).
    return read.byFirstLine().computeIfAbsent(first, line -> Identifiers.of(snapshot.text(start, end)));
  }

  /** Forgets every document but these, the neighbours of now. */
  void keepOnly(Set<String> uris) {
    byUri.keySet().retainAll(uris);
  }
}
