package codestral.lsp.bench;

import codestral.lsp.document.ContentChange;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.document.TextPosition;
import codestral.lsp.document.TextRange;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * The CPU time (not wall time) per operation of the document hot paths on a 10 MB document.
 *
 * <p>A companion to {@link DocumentBenchmark} for a shared machine: wall-clock figures from JMH
 * grow with the load of other processes, while the CPU time this thread is charged for stays close
 * to what an idle machine would show. Each figure is the best of five rounds of 200,000 operations,
 * after a warm-up round.
 *
 * <p>Run: {@code mvn -B -o -pl server -Pbench test-compile exec:exec
 * -Dbench.main=codestral.lsp.bench.DocumentCpuTime}. Writes to stdout: it is a measurement tool.
 */
public final class DocumentCpuTime {
  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final int OPERATIONS = 200_000;
  private static final int POINTS = 4096;

  private DocumentCpuTime() {}

  public static void main(String[] args) {
    for (PositionEncoding encoding :
        new PositionEncoding[] {PositionEncoding.UTF16, PositionEncoding.UTF8}) {
      run(encoding);
    }
  }

  private static void run(PositionEncoding encoding) {
    String uri = "file:///bench/big.py";
    DocumentStore store = new DocumentStore();
    store.setEncoding(encoding);
    DocumentSnapshot original = store.open(uri, "python", 1, SampleDocuments.code(TEN_MB, 50, 7));
    Random random = new Random(11);
    TextPosition[] positions = new TextPosition[POINTS];
    int[] offsets = new int[POINTS];
    for (int i = 0; i < POINTS; i++) {
      int line = random.nextInt(original.lineCount());
      int width = original.positionAt(original.lineEnd(line), encoding).character();
      positions[i] = new TextPosition(line, random.nextInt(width + 1));
      offsets[i] = random.nextInt(original.length());
    }
    String name = encoding.wireName();
    report(
        name,
        "insert one character",
        best(
            () -> {
              DocumentSnapshot current = original;
              for (int i = 0; i < OPERATIONS; i++) {
                TextPosition at = positions[i & (POINTS - 1)];
                current =
                    current.apply(new ContentChange(new TextRange(at, at), "x"), i + 2, encoding);
              }
              return current.length();
            }));
    report(
        name,
        "position -> offset",
        best(
            () -> {
              long sum = 0;
              for (int i = 0; i < OPERATIONS; i++) {
                sum += original.offsetAt(positions[i & (POINTS - 1)], encoding);
              }
              return sum;
            }));
    report(
        name,
        "offset -> position",
        best(
            () -> {
              long sum = 0;
              for (int i = 0; i < OPERATIONS; i++) {
                sum += original.positionAt(offsets[i & (POINTS - 1)], encoding).character();
              }
              return sum;
            }));
    report(
        name,
        "snapshot",
        best(
            () -> {
              long sum = 0;
              for (int i = 0; i < OPERATIONS; i++) {
                sum += store.get(uri).orElseThrow().version();
              }
              return sum;
            }));
  }

  /** Something to run whose result is used, so the JIT cannot drop the work. */
  private interface Work {
    long run();
  }

  private static double best(Work work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = work.run();
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long start = threads.getCurrentThreadCpuTime();
      sink += work.run();
      long spent = threads.getCurrentThreadCpuTime() - start;
      best = Math.min(best, (double) spent / OPERATIONS);
    }
    if (sink == 42) {
      System.out.print("");
    }
    return best;
  }

  private static void report(String encoding, String what, double nanos) {
    System.out.printf(Locale.ROOT, "%-7s %-22s %10.0f ns CPU/op%n", encoding, what, nanos);
  }
}
