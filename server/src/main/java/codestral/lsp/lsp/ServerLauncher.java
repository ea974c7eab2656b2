package codestral.lsp.lsp;

import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.codestral.CodestralClient;
import codestral.lsp.cache.CompletionCache;
import codestral.lsp.completion.CompletionService;
import codestral.lsp.config.CurrentSettings;
import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.postprocess.PostProcessor;
import codestral.lsp.prompt.WindowBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The composition root: builds every part once, wires them, and connects the server to a pair of
 * streams. Callable from tests with piped streams.
 */
public final class ServerLauncher {
  private ServerLauncher() {}

  /**
   * Serves LSP on the streams until the input ends or the client sends {@code exit}.
   *
   * @param environment the process environment, for {@code CODESTRAL_*} variables
   * @param exit called with the exit code the protocol asks for
   * @return the listening future; it completes when the input stream closes
   */
  public static Future<Void> launch(
      InputStream in, OutputStream out, Map<String, String> environment, String version, IntConsumer exit) {
    CurrentSettings settings = new CurrentSettings(Settings.fromEnvironment(environment));
    DocumentStore documents = new DocumentStore();
    ExecutorService workers = Executors.newFixedThreadPool(2, daemonThreads("codestral-worker"));
    CompletionService completions = completionService(documents, settings, workers);
    UserNotifier notifier = new UserNotifier();
    CodestralLanguageServer server =
        new CodestralLanguageServer(
            documents,
            settings,
            notifier,
            new CodestralTextDocumentService(documents, completions, notifier),
            exit,
            version);
    Launcher<LanguageClient> launcher =
        new LSPLauncher.Builder<LanguageClient>()
            .setLocalService(server)
            .setRemoteInterface(LanguageClient.class)
            .setInput(in)
            .setOutput(out)
            .setExecutorService(Executors.newCachedThreadPool(daemonThreads("codestral-jsonrpc")))
            .create();
    server.connect(launcher.getRemoteProxy());
    return launcher.startListening();
  }

  /** The one HTTP client of the process: built on first use, so start-up does not pay for it. */
  private static OkHttpClient httpClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .build();
  }

  private static <T> Supplier<T> memoize(Supplier<T> factory) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T result = value;
        if (result == null) {
          synchronized (this) {
            result = value;
            if (result == null) {
              result = factory.get();
              value = result;
            }
          }
        }
        return result;
      }
    };
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
   * The completion pipeline the server uses (window, cache, backend, post-processing), for the
   * command line's {@code complete}, so that it answers exactly as the editor would be answered.
   */
  public static CompletionService completionService(
      DocumentStore documents, Supplier<Settings> settings, Executor executor) {
    return new CompletionService(
        documents,
        settings,
        fimBackend(settings),
        CompletionCache.createDefault(),
        new WindowBuilder(8_000, 2_000),
        new PostProcessor(),
        executor);
  }

  /**
   * The Codestral backend, built on its first call: Jackson's {@code ObjectMapper} loads some 370
   * classes (half a second of a cold start), and nothing needs it before the first completion, so
   * the {@code initialize} answer does not wait for it. The lambdas matter: a method reference to
   * a constructor would resolve the class at start-up already.
   */
  public static FimBackend fimBackend(Supplier<Settings> settings) {
    Supplier<OkHttpClient> http = memoize(ServerLauncher::httpClient);
    Supplier<CodestralClient> client =
        memoize(() -> new CodestralClient(http, settings, new ObjectMapper()));
    return request -> client.get().complete(request);
  }
}
