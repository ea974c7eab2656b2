package codestral.lsp.lsp;

import codestral.lsp.backend.ProviderSwitch;
import codestral.lsp.backend.codestral.CodestralChatClient;
import codestral.lsp.backend.codestral.CodestralClient;
import codestral.lsp.backend.ollama.OllamaClient;
import codestral.lsp.chat.ChatService;
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
    // One client for the process: FIM and chat share its connection pool and dispatcher.
    Supplier<OkHttpClient> http = memoize(ServerLauncher::httpClient);
    ObjectMapper json = new ObjectMapper();
    OllamaClient ollama = new OllamaClient(http, settings, json);
    // Picks the provider per call, so switching codestral.provider needs no restart.
    ProviderSwitch backend =
        new ProviderSwitch(
            settings,
            Map.of(
                Settings.Provider.MISTRAL, new CodestralClient(http, settings, json),
                Settings.Provider.OLLAMA, ollama),
            Map.of(
                Settings.Provider.MISTRAL, new CodestralChatClient(http, settings, json),
                Settings.Provider.OLLAMA, ollama));
    CompletionService completions =
        new CompletionService(
            documents,
            settings,
            backend,
            CompletionCache.createDefault(),
            new WindowBuilder(8_000, 2_000),
            new PostProcessor(),
            workers);
    UserNotifier notifier = new UserNotifier();
    CodestralChatProtocol chat =
        new CodestralChatProtocol(
            new ChatService(documents, settings, backend));
    CodestralLanguageServer server =
        new CodestralLanguageServer(
            documents,
            settings,
            notifier,
            new CodestralTextDocumentService(documents, completions, notifier),
            exit,
            version,
            chat);
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
}
