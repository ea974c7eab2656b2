package codestral.lsp.lsp;

import codestral.lsp.config.CurrentSettings;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.PositionEncoding;
import codestral.lsp.feedback.SuggestionFeedback;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.jsonrpc.services.JsonDelegate;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * Lifecycle and capabilities. Feature requests go to the document and workspace services; this
 * class only negotiates, applies settings and ends the process as the protocol says.
 */
public final class CodestralLanguageServer implements LanguageServer, LanguageClientAware {
  private static final Logger LOG = System.getLogger(CodestralLanguageServer.class.getName());
  private static final String SECTION = "codestral";

  private final DocumentStore documents;
  private final CurrentSettings settings;
  private final UserNotifier notifier;
  private final CodestralTextDocumentService textDocumentService;
  private final CodestralWorkspaceService workspaceService;
  private final IntConsumer exit;
  private final String version;
  private final AcceptanceFeedback acceptanceFeedback;
  private final StatsEndpoint statsEndpoint;
  private final ServerLifecycle lifecycle;
  private final ServerLog log;
  private final Runnable warmUp;
  private final CodestralChatProtocol chat;

  private volatile LanguageClient client;
  private volatile boolean shutdownRequested;
  private volatile boolean clientPullsConfiguration;

  /**
   * @param warmUp run once the editor is initialized and its settings read
   */
  public CodestralLanguageServer(
      DocumentStore documents,
      CurrentSettings settings,
      UserNotifier notifier,
      CodestralTextDocumentService textDocumentService,
      IntConsumer exit,
      String version,
      SuggestionFeedback feedback,
      ServerLifecycle lifecycle,
      ServerLog log,
      CodestralChatProtocol chat,
      Runnable warmUp) {
    this.documents = documents;
    this.settings = settings;
    this.notifier = notifier;
    this.textDocumentService = textDocumentService;
    this.workspaceService = new CodestralWorkspaceService(this);
    this.exit = exit;
    this.version = version;
    // Null only where a test builds the server for its method table alone.
    PlacedItems placed =
        textDocumentService == null ? new PlacedItems(null) : textDocumentService.placedItems();
    this.acceptanceFeedback = new AcceptanceFeedback(feedback, placed);
    this.statsEndpoint = new StatsEndpoint(feedback, placed::stats);
    this.lifecycle = lifecycle;
    this.log = log;
    this.chat = chat;
    this.warmUp = warmUp;
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
    notifier.connect(client);
    if (client instanceof EditorClient editor) {
      lifecycle.connect(editor);
      log.connect(editor);
    }
    chat.connect(client);
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    ClientCapabilities capabilities = params.getCapabilities();
    List<String> offered =
        capabilities != null && capabilities.getGeneral() != null
            ? capabilities.getGeneral().getPositionEncodings()
            : null;
    PositionEncoding encoding = PositionEncoding.negotiate(offered);
    documents.setEncoding(encoding);
    clientPullsConfiguration =
        capabilities != null
            && capabilities.getWorkspace() != null
            && Boolean.TRUE.equals(capabilities.getWorkspace().getConfiguration());
    workspaceRoots.accept(rootUris(params));
    WorkspaceIndexing indexing = workspaceIndexing;
    if (indexing != null) {
      indexing.initialize(capabilities, rootUris(params));
    }
    List<String> problems = settings.apply(JsonData.toPlain(params.getInitializationOptions()));
    problems.forEach(problem -> LOG.log(Level.WARNING, "Setting ignored: {0}", problem));
    log.settingsChanged();
    log.setTrace(params.getTrace());
    lifecycle.initialize(params.getProcessId());

    // Problems are shown after the answer: before it, the protocol allows little else.
    pendingProblems = problems;
    return CompletableFuture.completedFuture(initializeResult(encoding, version));
  }

  /** The answer to {@code initialize}: what this server offers, in the negotiated encoding. */
  private static InitializeResult initializeResult(PositionEncoding encoding, String version) {
    ServerCapabilities server = new ServerCapabilities();
    server.setPositionEncoding(encoding.wireName());
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    server.setTextDocumentSync(sync);
    server.setInlineCompletionProvider(true);
    CompletionOptions completion = new CompletionOptions();
    completion.setResolveProvider(false);
    server.setCompletionProvider(completion);
    server.setExecuteCommandProvider(
        new ExecuteCommandOptions(List.of(SuggestionItems.ACCEPT_COMMAND)));
    return new InitializeResult(server, new ServerInfo("codestral-lsp", version));
  }

  private volatile List<String> pendingProblems = List.of();

  @Override
  public void initialized(InitializedParams params) {
    showProblems(pendingProblems);
    pendingProblems = List.of();
    if (clientPullsConfiguration) {
      pullConfiguration()
          .whenComplete(
              (ignored, error) -> {
                settingsChanged();
                startRunning();
              });
    } else {
      startRunning();
    }
  }

  private volatile WorkspaceIndexing workspaceIndexing;

  /**
   * The workspace index's protocol side: built after {@code initialized}, fed watched files and
   * saves.
   */
  public void useWorkspaceIndexing(WorkspaceIndexing indexing) {
    this.workspaceIndexing = indexing;
    textDocumentService.onSave(indexing::saved);
  }

  WorkspaceIndexing workspaceIndexing() {
    return workspaceIndexing;
  }

  private void startIndexing() {
    WorkspaceIndexing indexing = workspaceIndexing;
    if (indexing != null) {
      indexing.start(client);
    }
  }

  /**
   * After {@code initialized} and the first settings: status and traces flow, the pipeline warms.
   */
  private void startRunning() {
    lifecycle.initialized();
    log.initialized();
    warmUp.run();
    startIndexing();
  }

  /** Settings pushed by the client; {@code null} (VS Code in pull mode) means "ask me". */
  void onConfigurationChanged(Object pushed) {
    boolean hasSection =
        pushed instanceof java.util.Map && !((java.util.Map<?, ?>) pushed).isEmpty();
    if (hasSection) {
      showProblems(settings.apply(pushed));
      settingsChanged();
    } else if (clientPullsConfiguration) {
      pullConfiguration().whenComplete((ignored, error) -> settingsChanged());
    }
  }

  private CompletableFuture<Void> pullConfiguration() {
    LanguageClient target = client;
    if (target == null) {
      return CompletableFuture.completedFuture(null);
    }
    ConfigurationItem item = new ConfigurationItem();
    item.setSection(SECTION);
    return target
        .configuration(new ConfigurationParams(List.of(item)))
        .thenAccept(
            values -> {
              if (values != null && !values.isEmpty() && values.get(0) != null) {
                showProblems(settings.apply(JsonData.toPlain(values.get(0))));
              }
            })
        .exceptionally(
            error -> {
              LOG.log(Level.WARNING, "workspace/configuration failed: {0}", String.valueOf(error));
              return null;
            });
  }

  private void showProblems(List<String> problems) {
    for (String problem : problems) {
      LOG.log(Level.WARNING, "Setting ignored: {0}", problem);
      notifier.showOnce(
          "setting:" + problem,
          MessageType.Warning,
          problem + " (the previous value stays in force)");
    }
  }

  /**
   * Settings changed: the status (which tells the user about a missing key), logging and the
   * workspace index (turned on or off) follow.
   */
  private void settingsChanged() {
    log.settingsChanged();
    lifecycle.settingsChanged();
    WorkspaceIndexing indexing = workspaceIndexing;
    if (indexing != null) {
      indexing.settingsChanged(client);
    }
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdownRequested = true;
    lifecycle.markShutDown();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    exit.accept(shutdownRequested ? 0 : 1);
  }

  @Override
  public void setTrace(org.eclipse.lsp4j.SetTraceParams params) {
    log.setTrace(params == null ? null : params.getValue());
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return textDocumentService;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspaceService;
  }

  private volatile java.util.function.Consumer<List<String>> workspaceRoots = roots -> {};

  /** Who learns the workspace folders' URIs from {@code initialize} (the prompt's paths). */
  public void onWorkspaceRoots(java.util.function.Consumer<List<String>> listener) {
    this.workspaceRoots = listener;
  }

  /** The folders of {@code workspaceFolders}, else the deprecated {@code rootUri}, as URIs. */
  @SuppressWarnings("deprecation")
  private static List<String> rootUris(InitializeParams params) {
    List<String> roots = new java.util.ArrayList<>();
    if (params.getWorkspaceFolders() != null) {
      params.getWorkspaceFolders().forEach(folder -> roots.add(folder.getUri()));
    }
    if (roots.isEmpty() && params.getRootUri() != null) {
      roots.add(params.getRootUri());
    }
    return roots;
  }

  /** {@code textDocument/didShowCompletion} and {@code didPartiallyAcceptCompletion}. */
  @JsonDelegate
  public CompletionFeedbackProtocol getCompletionFeedback() {
    return acceptanceFeedback;
  }

  /** {@code codestral/stats}. */
  @JsonDelegate
  public StatsProtocol getStats() {
    return statsEndpoint;
  }

  /** {@code workspace/executeCommand}: the commands advertised in {@code initialize}. */
  CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
    return acceptanceFeedback.execute(params);
  }

  /** {@code codestral/chat}; LSP4J finds the request through this getter. */
  @JsonDelegate
  public ChatProtocol getChatProtocol() {
    return chat;
  }

  /** {@code window/workDoneProgress/cancel}: the cancel button of a chat's progress. */
  @Override
  public void cancelProgress(WorkDoneProgressCancelParams params) {
    chat.cancelProgress(params.getToken());
  }
}
