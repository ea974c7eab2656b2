package codestral.lsp.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;

/**
 * Benchmark, not a test (Surefire does not run it): a user who pauses to think. Against a fake that
 * closes keep-alive connections idle for 5 s (Node's default), the jar is asked for an as-you-type
 * suggestion after each of a series of random pauses of 0 to 15 s, each time in a new file so that
 * only the API can answer; it prints how many of those requests got no suggestion.
 *
 * <pre>
 * mvn -B -q -pl server,protocol-tests package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -Dcodestral.jar=server/target/codestral-lsp.jar -Dpauses.minutes=20 \
 *     -cp protocol-tests/target/test-classes:$(cat protocol-tests/target/bench.classpath) \
 *     codestral.lsp.protocol.PausesBenchmark
 * </pre>
 */
public final class PausesBenchmark {
  private PausesBenchmark() {}

  public static void main(String[] args) throws Exception {
    double minutes = Double.parseDouble(System.getProperty("pauses.minutes", "20"));
    int idleCloseSeconds = Integer.getInteger("pauses.idleCloseSeconds", 5);
    Random random = new Random(Long.getLong("pauses.seed", 24));
    long end = System.nanoTime() + (long) (minutes * 60e9);
    int requests = 0;
    int lost = 0;
    // By the pause before the request: under 3 s, 3-5 s, 5-10 s, 10-15 s.
    int[] bounds = {3_000, 5_000, 10_000, 15_001};
    int[] sentAfter = new int[bounds.length];
    int[] lostAfter = new int[bounds.length];
    try (FakeCodestral fake = new FakeCodestral()) {
      fake.closeIdleConnectionsAfter(Duration.ofSeconds(idleCloseSeconds));
      try (ServerProcess lsp = ServerProcess.startAgainst(fake)) {
        lsp.initialize(
            List.of("utf-16"),
            Map.of("codestral", Map.of("debounceMs", 0, "adaptiveDebounce", false)));
        while (System.nanoTime() < end) {
          int pause = random.nextInt(15_001);
          int bucket = 0;
          while (pause >= bounds[bucket]) {
            bucket++;
          }
          TimeUnit.MILLISECONDS.sleep(pause);
          String uri = "file:///pauses/file" + requests + ".py";
          String text = "value_" + requests + " = ";
          lsp.open(uri, "python", text);
          boolean answered =
              !lsp.inline(uri, 0, text.length(), InlineCompletionTriggerKind.Automatic)
                  .getItems()
                  .isEmpty();
          requests++;
          sentAfter[bucket]++;
          if (!answered) {
            lost++;
            lostAfter[bucket]++;
          }
        }
        System.out.printf(
            "jar %s: %d requests after pauses of 0-15 s, %d without a suggestion (%.1f%%); the fake saw %d calls on %d connections%n",
            ServerProcess.jar(),
            requests,
            lost,
            100.0 * lost / Math.max(1, requests),
            fake.requestCount(),
            fake.connectionsOpened());
        System.out.printf(
            "without a suggestion, by the pause before: <3 s %d/%d, 3-5 s %d/%d, 5-10 s %d/%d, 10-15 s %d/%d%n",
            lostAfter[0],
            sentAfter[0],
            lostAfter[1],
            sentAfter[1],
            lostAfter[2],
            sentAfter[2],
            lostAfter[3],
            sentAfter[3]);
      }
    }
  }
}
