package codestral.lsp.protocol;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** The editor's side: records what the server tells the user and answers configuration pulls. */
class RecordingClient implements LanguageClient, StatusClient {
  final List<MessageParams> shownMessages = new CopyOnWriteArrayList<>();
  final List<MessageParams> loggedMessages = new CopyOnWriteArrayList<>();
  final List<ConfigurationParams> configurationRequests = new CopyOnWriteArrayList<>();
  volatile Object configurationSection;

  @Override
  public void telemetryEvent(Object object) {}

  @Override
  public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {}

  @Override
  public void showMessage(MessageParams messageParams) {
    synchronized (shownMessages) {
      shownMessages.add(messageParams);
      shownMessages.notifyAll();
    }
  }

  /**
   * Waits until at least {@code count} messages were shown (up to ten seconds), then all of them.
   */
  List<MessageParams> awaitShownMessages(int count) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    synchronized (shownMessages) {
      while (shownMessages.size() < count) {
        long left =
            java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("expected " + count + " shown messages, got " + shownMessages);
        }
        shownMessages.wait(left);
      }
      return List.copyOf(shownMessages);
    }
  }

  @Override
  public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void logMessage(MessageParams message) {
    loggedMessages.add(message);
  }

  @Override
  public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
    configurationRequests.add(params);
    Object[] answers = new Object[params.getItems().size()];
    for (int i = 0; i < answers.length; i++) {
      answers[i] = configurationSection;
    }
    return CompletableFuture.completedFuture(java.util.Arrays.asList(answers));
  }

  final List<StatusClient.Status> statuses = new CopyOnWriteArrayList<>();
  final List<String> traces = new CopyOnWriteArrayList<>();

  @Override
  public void status(StatusClient.Status status) {
    synchronized (statuses) {
      statuses.add(status);
      statuses.notifyAll();
    }
  }

  @Override
  public void logTrace(org.eclipse.lsp4j.LogTraceParams params) {
    traces.add(params.getMessage());
  }

  /**
   * Waits (up to twenty seconds) until a {@code codestral/status} with {@code state} arrives at or
   * after index {@code from} of {@link #statuses}; returns its index.
   */
  int awaitStatus(String state, int from) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    synchronized (statuses) {
      while (true) {
        for (int i = from; i < statuses.size(); i++) {
          if (state.equals(statuses.get(i).state)) {
            return i;
          }
        }
        long left =
            java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError(
              "expected status " + state + " after " + from + ", got " + statuses);
        }
        statuses.wait(left);
      }
    }
  }

  /** Every {@code $/progress} the server sent, in arrival order. */
  final java.util.concurrent.BlockingQueue<org.eclipse.lsp4j.ProgressParams> progress =
      new java.util.concurrent.LinkedBlockingQueue<>();

  @Override
  public void notifyProgress(org.eclipse.lsp4j.ProgressParams params) {
    progress.add(params);
  }

  /** The next {@code $/progress}, waiting up to ten seconds for it. */
  org.eclipse.lsp4j.ProgressParams takeProgress() throws InterruptedException {
    org.eclipse.lsp4j.ProgressParams next =
        progress.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("no $/progress arrived");
    }
    return next;
  }

  /** Every dynamic registration the server asked for. */
  final List<org.eclipse.lsp4j.Registration> registrations = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<Void> registerCapability(org.eclipse.lsp4j.RegistrationParams params) {
    registrations.addAll(params.getRegistrations());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> createProgress(
      org.eclipse.lsp4j.WorkDoneProgressCreateParams params) {
    return CompletableFuture.completedFuture(null);
  }

  /** Waits for the {@code end} of the work-done progress with this token; its message. */
  String awaitProgressEnd(String token) throws InterruptedException {
    while (true) {
      org.eclipse.lsp4j.ProgressParams next = takeProgress();
      if (next.getToken().getLeft().equals(token)
          && next.getValue().getLeft() instanceof org.eclipse.lsp4j.WorkDoneProgressEnd end) {
        return end.getMessage();
      }
    }
  }
}
