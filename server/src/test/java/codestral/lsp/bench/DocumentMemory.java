package codestral.lsp.bench;

import codestral.lsp.document.ContentChange;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.TextPosition;
import codestral.lsp.document.TextRange;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The heap an open 10 MB document keeps, against its UTF-8 size: opens {@value #COPIES} different
 * documents in a store, lets the source strings go, and divides the growth of the used heap after
 * full GCs by the copies. Then types 20,000 keystrokes into each (which leaves chunks less than
 * full) and measures again.
 *
 * <p>Run: {@code mvn -B -o -pl server -Pbench test-compile exec:exec
 * -Dbench.main=codestral.lsp.bench.DocumentMemory}. Arguments are ignored. Writes to stdout: it is
 * a measurement tool, not the server.
 */
public final class DocumentMemory {
  private static final int COPIES = 4;
  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final int KEYSTROKES = 20_000;

  private DocumentMemory() {}

  public static void main(String[] args) throws InterruptedException {
    measure("ASCII code", 0);
    measure("code with a CJK + emoji comment every 50 lines", 50);
  }

  private static void measure(String kind, int unicodeEvery) throws InterruptedException {
    long utf8 =
        SampleDocuments.code(TEN_MB, unicodeEvery, 0).getBytes(StandardCharsets.UTF_8).length;
    long before = usedAfterGc();
    DocumentStore store = new DocumentStore();
    for (int i = 0; i < COPIES; i++) {
      store.open("file:///doc" + i, "python", 1, SampleDocuments.code(TEN_MB, unicodeEvery, i));
    }
    long opened = usedAfterGc();
    report(kind + ", as opened", (opened - before) / COPIES, utf8);

    Random random = new Random(1);
    for (int i = 0; i < COPIES; i++) {
      String uri = "file:///doc" + i;
      for (int k = 0; k < KEYSTROKES; k++) {
        int lines = store.get(uri).orElseThrow().lineCount();
        TextPosition at = new TextPosition(random.nextInt(lines), random.nextInt(20));
        store.change(uri, k + 2, List.of(new ContentChange(new TextRange(at, at), "x")));
      }
    }
    long edited = usedAfterGc();
    report(kind + ", after " + KEYSTROKES + " keystrokes", (edited - before) / COPIES, utf8);
    if (store.size() != COPIES) {
      throw new AssertionError("the store lost documents");
    }
  }

  private static void report(String what, long bytes, long utf8) {
    System.out.printf(
        Locale.ROOT,
        "%-72s %6.2f MB retained for %6.2f MB of UTF-8: %.2fx%n",
        what,
        bytes / 1048576.0,
        utf8 / 1048576.0,
        (double) bytes / utf8);
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // Several rounds: one System.gc() may leave garbage that a second collects.
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
