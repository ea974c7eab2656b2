package codestral.lsp.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import okhttp3.OkHttpClient;

/**
 * The threads one connection started, stopped together when its input ends. The process halts then
 * anyway; a test that runs many servers in one JVM must not keep each one's pools alive.
 */
final class ConnectionThreads {
  private final List<Runnable> stops = new CopyOnWriteArrayList<>();

  /** {@code executor}, stopped (its tasks interrupted) at the end. */
  <T extends ExecutorService> T own(T executor) {
    stops.add(executor::shutdownNow);
    return executor;
  }

  /** Runs {@code stop} at the end, for a part that keeps its thread to itself. */
  void onStop(Runnable stop) {
    stops.add(stop);
  }

  /**
   * {@code client}'s calls cancelled, its dispatcher stopped and its idle connections closed at the
   * end.
   */
  OkHttpClient own(OkHttpClient client) {
    stops.add(
        () -> {
          client.dispatcher().cancelAll();
          client.dispatcher().executorService().shutdown();
          client.connectionPool().evictAll();
        });
    return client;
  }

  void stopAll() {
    for (Runnable stop : stops) {
      stop.run();
    }
  }
}
