package codestral.lsp.prompt;

import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentSnapshot;
import codestral.lsp.document.DocumentStore;
import java.util.List;

/**
 * Builds what the model sees for one request: cross-file context, then the prefix, and the suffix,
 * all within {@link Settings.Prompt#maxPromptTokens()} by the {@link TokenEstimator} ({@code
 * max_tokens} of the answer comes on top).
 *
 * <p>The context gets at most {@link Settings.Prompt#contextShare()} of the budget; what it does
 * not use goes to the window, which {@link WindowCutter} splits between prefix and suffix. Costs
 * O(window + bounded context scan), never O(document).
 *
 * <p>Thread-safe; the estimator's correction is read once per request.
 */
public final class WindowBuilder {
  /**
   * Tokens the API adds around the text of a FIM request (begin-of-text and the prefix and suffix
   * markers), kept out of the text's budget and out of calibration.
   */
  static final int FIM_OVERHEAD_TOKENS = 4;

  private final DocumentStore documents;
  private final TokenEstimator estimator;
  private final WorkspaceRoots roots;

  /** What the neighbours' windows were scored by, kept while they do not change. */
  private final NeighbourWindows neighbourWindows = new NeighbourWindows();

  /** Definitions from the workspace index, once the server has one. */
  private volatile WorkspaceContext workspace;

  private volatile SensitiveFilesFor sensitive =
      new SensitiveFilesFor(List.of(), new SensitiveFiles(List.of()));

  private record SensitiveFilesFor(List<String> globs, SensitiveFiles files) {}

  public WindowBuilder(DocumentStore documents, TokenEstimator estimator, WorkspaceRoots roots) {
    this.documents = documents;
    this.estimator = estimator;
    this.roots = roots;
  }

  /**
   * Draws context from the workspace index too (when {@code codestral.context.workspace} is on):
   * definitions the code at the cursor uses come first, the neighbours' snippets take what is left.
   */
  public void useWorkspace(codestral.lsp.workspace.WorkspaceIndex index) {
    this.workspace = new WorkspaceContext(index, documents);
  }

  /** Whether the document must never be sent: no completion inside it, never used as context. */
  public boolean excludes(String uri, Settings.Prompt settings) {
    return sensitiveFiles(settings).matches(uri);
  }

  /** The window for a cursor, without a completion-menu selection. */
  public FimWindow build(DocumentSnapshot snapshot, int cursor, Settings.Prompt settings) {
    return build(snapshot, cursor, null, settings);
  }

  /**
   * The window for a cursor; with {@code selected}, the prefix ends with the selected item's text
   * instead of what is typed so far, so the answer continues the item.
   */
  public FimWindow build(
      DocumentSnapshot snapshot, int cursor, SelectedText selected, Settings.Prompt settings) {
    TokenEstimator.Rate rate = estimator.rate();
    int budget = Math.max(0, settings.maxPromptTokens() - FIM_OVERHEAD_TOKENS);
    long contextBudget = rate.milliBudget((int) (budget * settings.contextShare()));
    int at = Math.max(0, Math.min(cursor, snapshot.length()));
    SensitiveFiles excluded = sensitiveFiles(settings);
    WorkspaceContext definitions = workspace;
    String fromWorkspace =
        definitions == null || !settings.context().workspace()
            ? ""
            : definitions.collect(snapshot, at, contextBudget, excluded::matches, roots);
    long left =
        contextBudget - TokenEstimator.milliTokens(fromWorkspace, 0, fromWorkspace.length());
    // The workspace's definitions last, next to the prefix: they are what the cursor uses.
    String context =
        CrossFileContext.collect(
                documents,
                snapshot,
                at,
                selected == null ? "" : selected.text(),
                left,
                excluded,
                roots,
                neighbourWindows)
            + fromWorkspace;
    long contextMilli = TokenEstimator.milliTokens(context, 0, context.length());
    int contextTokens = context.isEmpty() ? 0 : rate.tokensOfMilli(contextMilli);
    FimWindow window =
        WindowCutter.cut(
            snapshot, cursor, selected, budget - contextTokens, settings.prefixShare(), rate);
    return new FimWindow(
        context,
        window.prefix(),
        window.suffix(),
        window.languageId(),
        window.cursorOffset(),
        window.rawTokens() + contextMilli / 1000.0);
  }

  /**
   * Feeds the {@code usage.prompt_tokens} of the answer to a window back to the estimator; a
   * negative count (the provider did not say) is ignored.
   */
  public void observe(FimWindow window, int reportedPromptTokens) {
    if (reportedPromptTokens >= 0) {
      estimator.observe(window.rawTokens(), reportedPromptTokens - FIM_OVERHEAD_TOKENS);
    }
  }

  private SensitiveFiles sensitiveFiles(Settings.Prompt settings) {
    SensitiveFilesFor current = sensitive;
    if (!current.globs().equals(settings.excludedFiles())) {
      current =
          new SensitiveFilesFor(
              settings.excludedFiles(), new SensitiveFiles(settings.excludedFiles()));
      sensitive = current;
    }
    return current.files();
  }
}
