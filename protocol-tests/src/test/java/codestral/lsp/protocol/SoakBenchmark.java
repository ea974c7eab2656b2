package codestral.lsp.protocol;

import static codestral.lsp.protocol.ServerProcess.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.SocketPolicy;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;

/**
 * Soak benchmark, not a test (Surefire does not run it): simulated typing against the fake for a
 * while (10 minutes by default) — an edit and an automatic inline request per keystroke, an
 * explicit request now and then, a second file opened and closed, and an upstream fault (429, 503,
 * reset, not-JSON) every few hundred keystrokes — then the server's heap after a full GC at the
 * start and at the end, measured with {@code jcmd}.
 *
 * <pre>
 * mvn -B -o -q package -pl server -DskipTests
 * mvn -B -o -q -pl server,protocol-tests test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/soak.classpath -Dmdep.includeScope=test
 * java -Dcodestral.jar=server/target/codestral-lsp.jar -Dsoak.minutes=10 \
 *     -cp protocol-tests/target/test-classes:$(cat protocol-tests/target/soak.classpath) \
 *     codestral.lsp.protocol.SoakBenchmark
 * </pre>
 */
public final class SoakBenchmark {
  private static final String URI = "file:///soak/main.py";
  private static final String OTHER = "file:///soak/other.py";
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private SoakBenchmark() {}

  public static void main(String[] args) throws Exception {
    double minutes = Double.parseDouble(System.getProperty("soak.minutes", "10"));
    long keystrokesPerSecond = Long.parseLong(System.getProperty("soak.rate", "10"));
    Random random = new Random(7);
    try (FakeCodestral fake = new FakeCodestral();
        ServerProcess lsp = ServerProcess.startAgainst(fake)) {
      lsp.initialize();
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        text.append("def function_")
            .append(i)
            .append("(a, b):\n    return a + b * ")
            .append(i)
            .append("\n\n");
      }
      lsp.open(URI, "python", text.toString());
      int line = text.toString().split("\n", -1).length - 1;
      int column = 0;

      // Warm up, then the baseline.
      for (int i = 0; i < 200; i++) {
        lsp.change(URI, edit(line, column, line, column, "x"));
        column++;
        lsp.inline(URI, line, column, InlineCompletionTriggerKind.Automatic);
      }
      long startHeap = heapAfterGcKb(lsp.pid());
      System.out.printf("start: heap after GC %d KiB%n", startHeap);

      long deadline = System.nanoTime() + (long) (minutes * 60e9);
      long keystrokes = 0;
      long faults = 0;
      List<Long> latenciesMicros = new ArrayList<>();
      String alphabet = "abcdefghijklmnopqrstuvwxyz _=+().,:";
      long pause = 1000 / keystrokesPerSecond;
      while (System.nanoTime() < deadline) {
        keystrokes++;
        if (keystrokes % 300 == 0) {
          faults++;
          switch ((int) (faults % 4)) {
            case 0:
              fake.enqueueError(429, "{\"message\":\"Rate limit exceeded\"}", "Retry-After", "1");
              break;
            case 1:
              fake.enqueueError(503, "");
              break;
            case 2:
              fake.enqueueSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
              break;
            default:
              fake.enqueueNotJson("<html>oops</html>");
          }
        }
        if (column > 60 || random.nextInt(40) == 0) {
          lsp.change(URI, edit(line, column, line, column, "\n"));
          line++;
          column = 0;
        } else if (column > 0 && random.nextInt(8) == 0) {
          lsp.change(URI, edit(line, column - 1, line, column, ""));
          column--;
        } else {
          lsp.change(
              URI,
              edit(
                  line,
                  column,
                  line,
                  column,
                  String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())))));
          column++;
        }
        if (keystrokes % 500 == 0) {
          lsp.open(OTHER, "python", "print('other')\n".repeat(100));
        } else if (keystrokes % 500 == 250) {
          lsp.server()
              .getTextDocumentService()
              .didClose(
                  new org.eclipse.lsp4j.DidCloseTextDocumentParams(
                      new org.eclipse.lsp4j.TextDocumentIdentifier(OTHER)));
        }
        InlineCompletionTriggerKind kind =
            keystrokes % 50 == 0
                ? InlineCompletionTriggerKind.Invoked
                : InlineCompletionTriggerKind.Automatic;
        long began = System.nanoTime();
        lsp.inline(URI, line, column, kind);
        latenciesMicros.add((System.nanoTime() - began) / 1000);
        fake.drainRequests();
        Thread.sleep(pause); // Pacing of the simulated typist, not a wait for the server.
      }
      long endHeap = heapAfterGcKb(lsp.pid());
      Collections.sort(latenciesMicros);
      System.out.printf(
          "end: heap after GC %d KiB (start %d KiB, %+d KiB)%n",
          endHeap, startHeap, endHeap - startHeap);
      System.out.printf(
          "keystrokes %d in %.1f min, upstream requests %d, faults injected %d, server alive %s%n",
          keystrokes, minutes, fake.requestCount(), faults, lsp.isAlive());
      System.out.printf(
          "inline round trip: p50 %.1f ms, p99 %.1f ms (includes the fake's answer)%n",
          latenciesMicros.get(latenciesMicros.size() / 2) / 1000.0,
          latenciesMicros.get((int) (latenciesMicros.size() * 0.99)) / 1000.0);
      lsp.shutdownAndExit();
    }
  }

  /** Runs a full GC in the server, then reads the heap in use. */
  private static long heapAfterGcKb(long pid) throws IOException, InterruptedException {
    run("jcmd", String.valueOf(pid), "GC.run");
    String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
    Matcher used = USED.matcher(info);
    if (!used.find()) {
      throw new IllegalStateException("no heap figure in: " + info);
    }
    return Long.parseLong(used.group(1));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}
