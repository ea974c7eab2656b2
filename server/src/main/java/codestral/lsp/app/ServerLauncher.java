package codestral.lsp.app;

import codestral.lsp.backend.Admission;
import codestral.lsp.backend.BackendStatus;
import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.HttpClients;
import codestral.lsp.backend.LazyBackend;
import codestral.lsp.backend.ProviderSwitch;
import codestral.lsp.backend.ResilientFimBackend;
import codestral.lsp.backend.Scheduler;
import codestral.lsp.backend.TypingDeadlines;
import codestral.lsp.backend.codestral.CodestralChatClient;
import codestral.lsp.backend.codestral.CodestralClient;
import codestral.lsp.backend.ollama.OllamaClient;
import codestral.lsp.cache.BuiltOnFirstUse;
import codestral.lsp.cache.CompletionCache;
import codestral.lsp.chat.ChatService;
import codestral.lsp.completion.CompletionService;
import codestral.lsp.config.ApiKeyCommand;
import codestral.lsp.config.CurrentSettings;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.feedback.SuggestionFeedback;
import codestral.lsp.lsp.CodestralChatProtocol;
import codestral.lsp.lsp.CodestralLanguageServer;
import codestral.lsp.lsp.CodestralTextDocumentService;
import codestral.lsp.lsp.EditorClient;
import codestral.lsp.lsp.MessageGuard;
import codestral.lsp.lsp.ServerLifecycle;
import codestral.lsp.lsp.ServerLog;
import codestral.lsp.lsp.StatusPublisher;
import codestral.lsp.lsp.SuggestionItems;
import codestral.lsp.lsp.UserNotifier;
import codestral.lsp.lsp.WorkspaceIndexing;
import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.prompt.TokenEstimator;
import codestral.lsp.prompt.WindowBuilder;
import codestral.lsp.prompt.WorkspaceRoots;
import codestral.lsp.workspace.WorkspaceIndex;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;

/**
 * The composition root: builds every part once, wires them, and connects the server to a pair of
 * streams with LSP4J's own launcher. Callable from tests with piped streams.
 */
public final class ServerLauncher {
  private ServerLauncher() {}

  /**
   * Serves LSP on the streams until the input ends or the client sends {@code exit}.
   *
   * @param environment the process environment, for {@code CODESTRAL_*} variables
   * @param exit called with the exit code the protocol asks for
   * @return completes when the input stream has closed and the threads this server started are
   *     stopped
   */
  public static Future<Void> launch(
      InputStream in,
      OutputStream out,
      Map<String, String> environment,
      String version,
      IntConsumer exit) {
    ConnectionThreads threads = new ConnectionThreads();
    CurrentSettings settings = new CurrentSettings(Settings.fromEnvironment(environment));
    DocumentStore documents = new DocumentStore();
    WorkspaceRoots roots = new WorkspaceRoots();
    ExecutorService workers =
        threads.own(Executors.newFixedThreadPool(2, DaemonThreads.named("codestral-worker")));
    // Built on first use (Jackson and OkHttp are heavy), and then picked per call, so switching
    // codestral.provider needs no restart.
    LazyBackend providers = providers(settings, threads::own);
    Admission admission = new Admission(settings, Ticker.systemTicker());
    BackendStatus status = new BackendStatus(settings, admission, Scheduler.system());
    // The fault policy (retries, cool-downs, status) is the same whichever provider answers.
    // Deadlines outermost: they bound the whole request, retries included.
    FimBackend backend =
        new TypingDeadlines(
            new ResilientFimBackend(
                providers,
                status,
                admission,
                settings,
                Scheduler.system(),
                () -> ThreadLocalRandom.current().nextDouble()),
            status,
            settings,
            Scheduler.system());
    WindowBuilder windows = new WindowBuilder(documents, new TokenEstimator(), roots);
    CompletionService completions =
        new CompletionService(
            documents,
            settings,
            backend,
            CompletionCache.createDefault(),
            windows,
            new PostProcessor(),
            Scheduler.on(
                threads.own(
                    Executors.newSingleThreadScheduledExecutor(
                        DaemonThreads.named("codestral-timer")))),
            Ticker.systemTicker(),
            workers);
    UserNotifier notifier = new UserNotifier();
    SuggestionFeedback feedback = new SuggestionFeedback();
    StatusPublisher publisher =
        new StatusPublisher(
            status,
            notifier,
            threads.own(
                Executors.newSingleThreadScheduledExecutor(
                    DaemonThreads.named("codestral-status"))));
    ApiKeyCommand keyCommand =
        new ApiKeyCommand(
            settings,
            workers,
            Duration.ofSeconds(10),
            status::refresh,
            message -> ServerLifecycle.reportKeyCommandFailure(notifier, message));
    ServerLifecycle lifecycle = new ServerLifecycle(status, publisher, keyCommand, exit);
    CodestralLanguageServer server =
        new CodestralLanguageServer(
            documents,
            settings,
            notifier,
            new CodestralTextDocumentService(
                documents, completions, notifier, new SuggestionItems(feedback)),
            exit,
            version,
            feedback,
            lifecycle,
            new ServerLog(settings),
            new CodestralChatProtocol(new ChatService(documents, settings, providers)),
            // Builds the HTTP client and Jackson off the message thread, before the first request.
            completions::warmUp);
    ExecutorService jsonrpc =
        Executors.newCachedThreadPool(DaemonThreads.named("codestral-jsonrpc"));
    Launcher<EditorClient> launcher =
        new LSPLauncher.Builder<EditorClient>()
            .setLocalService(server)
            .setRemoteInterface(EditorClient.class)
            .setInput(in)
            .setOutput(out)
            .wrapMessages(new MessageGuard(lifecycle::isShutDown))
            .setExceptionHandler(MessageGuard::toResponseError)
            .setExecutorService(jsonrpc)
            .create();
    server.onWorkspaceRoots(roots::set);
    WorkspaceIndexing indexing = workspaceIndexing(documents, settings, windows);
    threads.onStop(indexing::stop);
    server.useWorkspaceIndexing(indexing);
    server.connect(launcher.getRemoteProxy());
    Future<Void> listening = launcher.startListening();
    // The listening thread is done by then; this waiting task is the pool's last.
    threads.onStop(jsonrpc::shutdown);
    return CompletableFuture.runAsync(() -> awaitEndOfInput(listening), jsonrpc)
        .whenComplete((ignored, error) -> threads.stopAll());
  }

  private static void awaitEndOfInput(Future<Void> listening) {
    try {
      listening.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CancellationException e) {
      // The stream broke: the editor is gone, as when it closes the stream.
    }
  }

  /**
   * The HTTP client for the network settings in force. One client is built on first use (so
   * start-up does not pay for it) and clients for changed timeouts derive from it, sharing its
   * connection pool and threads.
   */
  private static Supplier<OkHttpClient> httpClients(
      Supplier<Settings> settings, UnaryOperator<OkHttpClient> owner) {
    Supplier<OkHttpClient> base =
        new BuiltOnFirstUse<>(() -> owner.apply(HttpClients.create(Settings.Network.defaults())));
    AtomicReference<Map.Entry<Settings.Network, OkHttpClient>> current = new AtomicReference<>();
    return () -> {
      Settings.Network network = settings.get().network();
      Map.Entry<Settings.Network, OkHttpClient> built = current.get();
      if (built != null && built.getKey().equals(network)) {
        return built.getValue();
      }
      OkHttpClient client = HttpClients.withNetwork(base.get(), network);
      current.set(Map.entry(network, client));
      return client;
    };
  }

  /**
   * The completion pipeline the server uses, for the command line's {@code complete}: the same
   * window, cache, backend and post-processing, with no fault policy around the call.
   */
  public static CompletionService completionService(
      DocumentStore documents, Supplier<Settings> settings, Executor executor) {
    return completionService(
        documents,
        settings,
        fimBackend(settings),
        new WindowBuilder(documents, new TokenEstimator(), new WorkspaceRoots()),
        executor);
  }

  /** The workspace index, asking the prompt's excluded files before it reads any file. */
  private static WorkspaceIndexing workspaceIndexing(
      DocumentStore documents, Supplier<Settings> settings, WindowBuilder windows) {
    WorkspaceIndex index =
        new WorkspaceIndex(
            file -> windows.excludes(file.toUri().toString(), settings.get().prompt()),
            () -> settings.get().prompt().context(),
            WorkspaceIndex.FileReader.disk(),
            documents);
    windows.useWorkspace(index);
    // Below the editor's threads: indexing must never slow a keystroke's answer.
    ExecutorService indexer =
        Executors.newSingleThreadExecutor(
            DaemonThreads.named("codestral-index", Thread.MIN_PRIORITY));
    return new WorkspaceIndexing(index, documents, settings, indexer);
  }

  /** The providers, for the command line's {@code check}: built on first use like the server's. */
  public static FimBackend fimBackend(Supplier<Settings> settings) {
    return providers(settings, UnaryOperator.identity());
  }

  private static CompletionService completionService(
      DocumentStore documents,
      Supplier<Settings> settings,
      FimBackend backend,
      WindowBuilder windows,
      Executor executor) {
    return new CompletionService(
        documents,
        settings,
        backend,
        CompletionCache.createDefault(),
        windows,
        new PostProcessor(),
        Scheduler.on(
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("codestral-timer"))),
        Ticker.systemTicker(),
        executor);
  }

  /**
   * Mistral and Ollama behind one switch, over one HTTP client (clients for changed timeouts derive
   * from it and share its pool). The lambdas matter: a method reference to a constructor would
   * resolve its class, and Jackson with it, at start-up already.
   */
  private static LazyBackend providers(
      Supplier<Settings> settings, UnaryOperator<OkHttpClient> owner) {
    Supplier<OkHttpClient> http = httpClients(settings, owner);
    // Jackson too: the warm-up after initialized builds it with the clients, off the message
    // thread.
    Supplier<ObjectMapper> json = new BuiltOnFirstUse<>(() -> new ObjectMapper());
    return new LazyBackend(
        new BuiltOnFirstUse<>(
            () -> {
              OllamaClient ollama = new OllamaClient(http, settings, json);
              return new ProviderSwitch(
                  settings,
                  Map.of(
                      Settings.Provider.MISTRAL,
                      new CodestralClient(http, settings, json),
                      Settings.Provider.OLLAMA,
                      ollama),
                  Map.of(
                      Settings.Provider.MISTRAL,
                      new CodestralChatClient(http, settings, json),
                      Settings.Provider.OLLAMA,
                      ollama));
            }));
  }
}
