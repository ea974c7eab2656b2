package codestral.lsp.app;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads that never keep the process alive: the protocol, not a pool, decides when it ends. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Daemon threads named {@code name-1}, {@code name-2}, … */
  public static ThreadFactory named(String name) {
    return named(name, Thread.NORM_PRIORITY);
  }

  /** Daemon threads named {@code name-1}, … at {@code priority}. */
  public static ThreadFactory named(String name, int priority) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      thread.setPriority(priority);
      return thread;
    };
  }
}
