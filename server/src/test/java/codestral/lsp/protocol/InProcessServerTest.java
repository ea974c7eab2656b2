package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The harness itself: when the editor hangs up, the server stops every thread it started (its
 * pools, its timers, its HTTP dispatcher) and so does the client, so a run of in-process tests does
 * not pile them up.
 */
class InProcessServerTest {
  private static final String URI = "file:///work/project/main.py";

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  @Test
  void hangingUpStopsEveryThreadTheServerAndTheClientStarted() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    fake.setDefaultCompletion("42");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      lsp.initialize();
      lsp.open(URI, "python", "x = \n");
      assertThat(lsp.inline(URI, 0, 4).getItems()).hasSize(1);
    }

    List<Thread> started =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> !before.contains(thread))
            .filter(thread -> isTheServers(thread.getName()))
            .toList();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (Thread thread : started) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    assertThat(started).filteredOn(Thread::isAlive).isEmpty();
  }

  /**
   * Threads of one connection; the JVM's shared ones (the common pool, OkHttp's task runner,
   * CompletableFuture's delay scheduler) and the fake's are not.
   */
  private static boolean isTheServers(String name) {
    return name.startsWith("codestral-")
        || name.startsWith("editor-")
        || name.startsWith("OkHttp Dispatcher");
  }
}
