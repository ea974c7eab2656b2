package codestral.lsp.backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records each delay asked for; the test fires them all when it wants the time to have passed. */
final class HandScheduler implements Scheduler {
  final List<Duration> delays = new ArrayList<>();
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

  @Override
  public synchronized CompletableFuture<Void> after(Duration delay) {
    delays.add(delay);
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiting.add(future);
    return future;
  }

  void fireAll() {
    List<CompletableFuture<Void>> due;
    synchronized (this) {
      due = new ArrayList<>(waiting);
      waiting.clear();
    }
    due.forEach(future -> future.complete(null));
  }
}
