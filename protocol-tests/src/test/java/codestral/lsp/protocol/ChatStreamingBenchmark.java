package codestral.lsp.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server adds to a streamed chat: the real jar against the fake Codestral, which sends a
 * whole stream of {@value #DELTAS} deltas at once, so the time measured is the server's own work
 * (SSE and JSON parsing, one {@code $/progress} per delta, the response) plus the test client's.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q package -DskipTests -pl server,protocol-tests dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "protocol-tests/target/test-classes:$(cat protocol-tests/target/cp.txt)" \
 *     -Dcodestral.jar=$PWD/server/target/codestral-lsp.jar codestral.lsp.protocol.ChatStreamingBenchmark
 * </pre>
 */
public final class ChatStreamingBenchmark {
  private static final int DELTAS = 400;
  private static final int WARM_UP = 10;
  private static final int MEASURED = 40;

  private ChatStreamingBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty(
        "codestral.jar", System.getProperty("codestral.jar", "server/target/codestral-lsp.jar"));
    List<String> deltas = new ArrayList<>();
    for (int i = 0; i < DELTAS; i++) {
      deltas.add("token" + i + " ");
    }
    try (FakeCodestral fake = new FakeCodestral();
        ServerProcess lsp = ServerProcess.startAgainst(fake)) {
      lsp.initialize();
      List<Long> firstDelta = new ArrayList<>();
      List<Long> whole = new ArrayList<>();
      for (int run = 0; run < WARM_UP + MEASURED; run++) {
        fake.enqueueChatStream(deltas);
        lsp.client.progress.clear();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("messages", List.of(Map.of("role", "user", "content", "Count.")));
        params.put("partialResultToken", "bench");
        long start = System.nanoTime();
        var pending = lsp.request("codestral/chat", params);
        lsp.client.takeProgress();
        long first = System.nanoTime();
        ServerProcess.await(pending);
        long end = System.nanoTime();
        if (lsp.client.progress.size() != DELTAS - 1) {
          throw new AssertionError(
              "expected " + DELTAS + " deltas, got " + (lsp.client.progress.size() + 1));
        }
        if (run >= WARM_UP) {
          firstDelta.add(first - start);
          whole.add(end - start);
        }
      }
      System.err.printf(
          "chat of %d streamed deltas, %d runs after %d warm-up: first delta median %.2f ms p90 %.2f ms;"
              + " whole answer median %.2f ms p90 %.2f ms (%.1f µs per delta)%n",
          DELTAS,
          MEASURED,
          WARM_UP,
          millis(percentile(firstDelta, 50)),
          millis(percentile(firstDelta, 90)),
          millis(percentile(whole, 50)),
          millis(percentile(whole, 90)),
          percentile(whole, 50) / 1_000.0 / DELTAS);
      lsp.shutdownAndExit();
    }
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
