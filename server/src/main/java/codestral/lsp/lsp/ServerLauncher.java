package codestral.lsp.lsp;

import codestral.lsp.backend.BackendStatus;
import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.LazyBackend;
import codestral.lsp.backend.ResilientFimBackend;
import codestral.lsp.backend.Scheduler;
import codestral.lsp.backend.TypingDeadlines;
import codestral.lsp.backend.codestral.CodestralClient;
import codestral.lsp.backend.codestral.NoDelaySocketFactory;
import codestral.lsp.config.ApiKeyCommand;
import codestral.lsp.backend.ProviderSwitch;
import codestral.lsp.backend.codestral.CodestralChatClient;
import codestral.lsp.backend.ollama.OllamaClient;
import codestral.lsp.chat.ChatService;
import codestral.lsp.cache.BuiltOnFirstUse;
import codestral.lsp.cache.CompletionCache;
import codestral.lsp.completion.CompletionService;
import codestral.lsp.config.CurrentSettings;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.feedback.SuggestionFeedback;
import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.prompt.TokenEstimator;
import codestral.lsp.prompt.WindowBuilder;
import codestral.lsp.prompt.WorkspaceRoots;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.launch.LSPLauncher;

/**
 * The composition root: builds every part once, wires them, and connects the server to a pair of
 * streams. Callable from tests with piped streams.
 */
public final class ServerLauncher {
  private ServerLauncher() {}

  /**
   * Lets a second thread build LSP4J's JSON handler for the first exchange while this one sets
   * up; called first thing when the process serves LSP, and handed to {@link #launch}.
   */
  public static StartupPreload preload() {
    return StartupPreload.start();
  }

  /**
   * Serves LSP on the streams until the input ends or the client sends {@code exit}.
   *
   * @param input the editor's messages, the first of which may have been answered already
   * @param environment the process environment, for {@code CODESTRAL_*} variables
   * @param exit called with the exit code the protocol asks for
   * @param preload the head start {@link #preload()} began
   * @return the listening future; it completes when the input stream closes
   */
  public static Future<Void> launch(
      EarlyInitialize input,
      OutputStream out,
      Map<String, String> environment,
      String version,
      IntConsumer exit,
      StartupPreload preload) {
    CurrentSettings settings = new CurrentSettings(Settings.fromEnvironment(environment));
    DocumentStore documents = new DocumentStore();
    WorkspaceRoots roots = new WorkspaceRoots();
    ExecutorService workers = Executors.newFixedThreadPool(2, daemonThreads("codestral-worker"));
    // Built on first use (Jackson and OkHttp are heavy), and then picked per call, so switching
    // codestral.provider needs no restart.
    LazyBackend providers = providers(settings);
    BackendStatus status = new BackendStatus(settings, Clock.systemUTC(), Scheduler.system());
    // The fault policy (retries, cool-downs, status) is the same whichever provider answers.
    // Deadlines outermost: they bound the whole request, retries included.
    FimBackend backend =
        new TypingDeadlines(
            new ResilientFimBackend(
                providers,
                status,
                settings,
                Scheduler.system(),
                () -> ThreadLocalRandom.current().nextDouble()),
            status,
            settings,
            Scheduler.system());
    CompletionService completions = completionService(documents, settings, backend, roots, workers);
    UserNotifier notifier = new UserNotifier();
    SuggestionFeedback feedback = new SuggestionFeedback();
    ServerOperations operations =
        new ServerOperations(
            settings,
            status,
            new StatusPublisher(
                status, notifier, Executors.newSingleThreadScheduledExecutor(daemonThreads("codestral-status"))),
            new ApiKeyCommand(
                settings,
                workers,
                Duration.ofSeconds(10),
                status::refresh,
                message -> ServerOperations.reportKeyCommandFailure(notifier, message)),
            exit);
    CodestralChatProtocol chat =
        new CodestralChatProtocol(
            new ChatService(documents, settings, providers));
    CodestralLanguageServer server =
        new CodestralLanguageServer(
            documents,
            settings,
            notifier,
            new CodestralTextDocumentService(documents, completions, notifier, new SuggestionItems(feedback)),
            exit,
            version,
            feedback,
            operations,
            chat);
    Launcher<EditorClient> launcher =
        new PreloadedBuilder(preload)
            .setLocalService(server)
            .setRemoteInterface(EditorClient.class)
            .setInput(input.input())
            .setOutput(out)
            .wrapMessages(input.andThen(new MessageGuard(operations::isShutDown)))
            .setExceptionHandler(MessageGuard::toResponseError)
            .setExecutorService(Executors.newCachedThreadPool(daemonThreads("codestral-jsonrpc")))
            .create();
    server.onWorkspaceRoots(roots::set);
    server.connect(launcher.getRemoteProxy());
    return launcher.startListening();
  }

  /**
   * The HTTP client for the network settings in force. One client is built on first use (so
   * start-up does not pay for it) and clients for changed timeouts derive from it, sharing its
   * connection pool and threads.
   */
  private static Supplier<OkHttpClient> httpClients(Supplier<Settings> settings) {
    Supplier<OkHttpClient> base = new BuiltOnFirstUse<>(() -> httpClient(Settings.Network.defaults()));
    AtomicReference<Map.Entry<Settings.Network, OkHttpClient>> current = new AtomicReference<>();
    return () -> {
      Settings.Network network = settings.get().network();
      Map.Entry<Settings.Network, OkHttpClient> built = current.get();
      if (built != null && built.getKey().equals(network)) {
        return built.getValue();
      }
      OkHttpClient client = withTimeouts(base.get().newBuilder(), network).build();
      current.set(Map.entry(network, client));
      return client;
    };
  }

  /** An HTTP client with the timeouts of {@code network}. */
  private static OkHttpClient httpClient(Settings.Network network) {
    return withTimeouts(new OkHttpClient.Builder(), network).build();
  }

  private static OkHttpClient.Builder withTimeouts(OkHttpClient.Builder builder, Settings.Network network) {
    return builder
        .connectTimeout(Duration.ofMillis(network.connectTimeoutMs()))
        .readTimeout(Duration.ofMillis(network.readTimeoutMs()))
        .writeTimeout(Duration.ofMillis(network.readTimeoutMs()))
        // The whole call, retries of redirects included: a hung API never holds a request longer.
        .callTimeout(Duration.ofMillis(network.requestTimeoutMs()))
        // Retrying is the fault policy's decision (explicit requests only, bounded), not OkHttp's.
        .retryOnConnectionFailure(false)
        // Small request writes must not wait for delayed ACKs (about 40 ms a call).
        .socketFactory(new NoDelaySocketFactory());
  }

  /**
   * The completion pipeline the server uses, for the command line's {@code complete}: the same
   * window, cache, backend and post-processing, with no fault policy around the call.
   */
  public static CompletionService completionService(
      DocumentStore documents, Supplier<Settings> settings, Executor executor) {
    return completionService(documents, settings, fimBackend(settings), new WorkspaceRoots(), executor);
  }

  /** The providers, for the command line's {@code check}: built on first use like the server's. */
  public static FimBackend fimBackend(Supplier<Settings> settings) {
    return providers(settings);
  }

  private static CompletionService completionService(
      DocumentStore documents,
      Supplier<Settings> settings,
      FimBackend backend,
      WorkspaceRoots roots,
      Executor executor) {
    return new CompletionService(
        documents,
        settings,
        backend,
        CompletionCache.createDefault(),
        new WindowBuilder(documents, new TokenEstimator(), roots),
        new PostProcessor(),
        executor);
  }

  /**
   * Mistral and Ollama behind one switch, over one HTTP client (clients for changed timeouts
   * derive from it and share its pool). The lambdas matter: a method reference to a constructor
   * would resolve its class, and Jackson with it, at start-up already.
   */
  private static LazyBackend providers(Supplier<Settings> settings) {
    Supplier<OkHttpClient> http = httpClients(settings);
    // Jackson too: the warm-up after initialized builds it with the clients, off the message thread.
    Supplier<ObjectMapper> json = new BuiltOnFirstUse<>(() -> new ObjectMapper());
    return new LazyBackend(
        new BuiltOnFirstUse<>(
            () -> {
              OllamaClient ollama = new OllamaClient(http, settings, json);
              return new ProviderSwitch(
                  settings,
                  Map.of(
                      Settings.Provider.MISTRAL, new CodestralClient(http, settings, json),
                      Settings.Provider.OLLAMA, ollama),
                  Map.of(
                      Settings.Provider.MISTRAL, new CodestralChatClient(http, settings, json),
                      Settings.Provider.OLLAMA, ollama));
            }));
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * LSP4J's builder, taking the JSON handler the head start built instead of building another, and
   * reading the editor's messages with {@link MessageReader}.
   */
  private static final class PreloadedBuilder extends LSPLauncher.Builder<EditorClient> {
    private final StartupPreload preload;
    private MessageJsonHandler jsonHandler;
    private RemoteEndpoint remoteEndpoint;

    PreloadedBuilder(StartupPreload preload) {
      this.preload = preload;
    }

    @Override
    protected MessageJsonHandler createJsonHandler() {
      // The head start built the method table of exactly this pairing; anything else builds its own.
      boolean preloadedPairing =
          configureGson == null
              && remoteInterfaces.size() == 1
              && remoteInterfaces.iterator().next() == EditorClient.class
              && localServices.size() == 1
              && localServices.iterator().next().getClass() == CodestralLanguageServer.class;
      return preloadedPairing ? preload.jsonHandler() : super.createJsonHandler();
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
      this.jsonHandler = jsonHandler;
      this.remoteEndpoint = super.createRemoteEndpoint(jsonHandler);
      return remoteEndpoint;
    }

    /** The editor's messages are read by {@link MessageReader} rather than LSP4J's own reader. */
    @Override
    protected ConcurrentMessageProcessor createMessageProcessor(
        MessageProducer reader, MessageConsumer messageConsumer, EditorClient remoteProxy) {
      return super.createMessageProcessor(
          new MessageReader(input, jsonHandler, remoteEndpoint), messageConsumer, remoteProxy);
    }
  }
}
