package codestral.lsp.bench;

import codestral.lsp.document.ContentChange;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.document.TextPosition;
import codestral.lsp.document.TextRange;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The document model's hot paths on a 10 MB document: a keystroke, a position conversion, and
 * taking a snapshot for a request.
 *
 * <p>Run: {@code mvn -B -o -pl server -Pbench test-compile exec:exec -Djmh.args=DocumentBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DocumentBenchmark {
  private static final String URI = "file:///bench/big.py";
  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final int POINTS = 4096;

  /** Positions count in this encoding, for the edits and the conversions alike. */
  @Param({"utf-16", "utf-8"})
  public String encoding;

  private PositionEncoding positionEncoding;
  private DocumentSnapshot original;
  private DocumentSnapshot current;
  private DocumentStore store;
  private TextPosition[] positions;
  private int[] offsets;
  private int next;

  @Setup(Level.Trial)
  public void open() {
    positionEncoding = PositionEncoding.fromWireName(encoding).orElseThrow();
    String text = SampleDocuments.code(TEN_MB, 50, 7);
    store = new DocumentStore();
    store.setEncoding(positionEncoding);
    original = store.open(URI, "python", 1, text);
    Random random = new Random(11);
    positions = new TextPosition[POINTS];
    offsets = new int[POINTS];
    for (int i = 0; i < POINTS; i++) {
      int line = random.nextInt(original.lineCount());
      int width = original.positionAt(original.lineEnd(line), positionEncoding).character();
      positions[i] = new TextPosition(line, random.nextInt(width + 1));
      offsets[i] = random.nextInt(text.length());
    }
  }

  /** Each iteration starts from the opened text, so the document does not grow without bound. */
  @Setup(Level.Iteration)
  public void reset() {
    current = original;
  }

  private int nextIndex() {
    next = (next + 1) & (POINTS - 1);
    return next;
  }

  /** One keystroke: a one-char insert at a random position, kept (edits accumulate). */
  @Benchmark
  public DocumentSnapshot insertOneCharacter() {
    TextPosition at = positions[nextIndex()];
    current =
        current.apply(
            new ContentChange(new TextRange(at, at), "x"), current.version() + 1, positionEncoding);
    return current;
  }

  /** One keystroke through the store, as didChange applies it (version check, history). */
  @Benchmark
  public Object didChangeOneCharacter() {
    TextPosition at = positions[nextIndex()];
    int version = store.get(URI).orElseThrow().version() + 1;
    return store.change(URI, version, List.of(new ContentChange(new TextRange(at, at), "x")));
  }

  @Benchmark
  public int positionToOffset() {
    return original.offsetAt(positions[nextIndex()], positionEncoding);
  }

  @Benchmark
  public TextPosition offsetToPosition() {
    return original.positionAt(offsets[nextIndex()], positionEncoding);
  }

  /** What a completion request does first: take the document's current snapshot. */
  @Benchmark
  public DocumentSnapshot snapshot() {
    return store.get(URI).orElseThrow();
  }
}
