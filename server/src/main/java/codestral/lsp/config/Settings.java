package codestral.lsp.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the user can set, with its default. A record so it is immutable and compares by value:
 * a change of settings is a new {@code Settings}, swapped in atomically.
 *
 * @param endpoint base URL of the API; {@code /v1/fim/completions} and {@code /v1/chat/completions}
 *     are appended
 * @param apiKey the key, or null when none is configured
 * @param model the model for completions
 * @param completion how completions are requested
 * @param prompt what goes into a request: the token budget, its split, files never sent
 * @param pacing how often completions may be requested: debounce and client-side rate limits
 * @param network timeouts and transport policy of the HTTP calls
 * @param operations how the server logs and where it gets its key from
 * @param chat how {@code codestral/chat} requests are answered
 * @param provider who answers: the Mistral API or a local Ollama
 * @param ollama where the local Ollama is and which model it serves
 */
public record Settings(
    String endpoint,
    ApiKey apiKey,
    String model,
    Completion completion,
    Prompt prompt,
    Pacing pacing,
    Network network,
    Operations operations,
    Chat chat,
    Provider provider,
    Ollama ollama) {
  public static final String DEFAULT_ENDPOINT = "https://codestral.mistral.ai";
  public static final String DEFAULT_MODEL = "codestral-latest";

  /**
   * Settings of the completion requests.
   *
   * @param enabled whether the server suggests anything at all
   * @param maxTokens the most tokens one suggestion may have
   * @param temperature sampling temperature, 0 to 1.5; low is best for code
   * @param stop extra stop sequences
   */
  public record Completion(boolean enabled, int maxTokens, double temperature, List<String> stop) {
    public static Completion defaults() {
      return new Completion(true, 128, 0.0, List.of());
    }
  }

  /** Settings with every other part at its default. */
  public Settings(String endpoint, ApiKey apiKey, String model, Completion completion) {
    this(
        endpoint,
        apiKey,
        model,
        completion,
        Prompt.defaults(),
        Pacing.defaults(),
        Network.defaults(),
        Operations.defaults(),
        Chat.defaults(),
        Provider.MISTRAL,
        Ollama.defaults());
  }

  /**
   * Settings of the prompt: how many tokens a request may carry and how they are shared.
   *
   * @param maxPromptTokens the most tokens of {@code prompt} plus {@code suffix}, by the estimate;
   *     the answer's {@code max_tokens} comes on top
   * @param prefixShare the part of the window (after context) that goes before the cursor
   * @param contextShare the most of the budget that snippets of other documents may take
   * @param excludedFiles globs of files never sent (no completion inside, never context)
   * @param context the workspace index that context is also drawn from ({@code
   *     codestral.context.*})
   */
  public record Prompt(
      int maxPromptTokens,
      double prefixShare,
      double contextShare,
      List<String> excludedFiles,
      Context context) {
    public static final List<String> DEFAULT_EXCLUDED_FILES =
        List.of(
            ".env*",
            "*.env",
            "*.pem",
            "*.key",
            "*.p12",
            "*.pfx",
            "*.jks",
            "*.keystore",
            "*.kdbx",
            "id_rsa*",
            "id_dsa*",
            "id_ecdsa*",
            "id_ed25519*",
            ".npmrc",
            ".pypirc",
            ".netrc",
            "_netrc",
            ".git-credentials",
            ".htpasswd",
            "credentials*",
            "secrets.*",
            "*.tfvars",
            ".aws/config",
            ".docker/config.json",
            ".kube/config");

    public Prompt {
      excludedFiles = List.copyOf(excludedFiles);
    }

    /** A prompt setting with the workspace index at its defaults. */
    public Prompt(
        int maxPromptTokens, double prefixShare, double contextShare, List<String> excludedFiles) {
      this(maxPromptTokens, prefixShare, contextShare, excludedFiles, Context.defaults());
    }

    public static Prompt defaults() {
      return new Prompt(4096, 0.75, 0.25, DEFAULT_EXCLUDED_FILES);
    }
  }

  /**
   * The workspace index: definitions read from the files of the workspace folders on disk, sent as
   * context for the symbols the cursor uses ({@code codestral.context.*}).
   *
   * @param workspace whether the workspace folders are indexed and used as context
   * @param maxFiles the most files indexed; beyond it the rest are left out
   * @param maxFileKb files larger than this (in KiB) are never read
   * @param maxMemoryMb the most memory (MiB, by estimate) the index may hold; beyond it indexing
   *     stops
   * @param exclude globs of files and folders never indexed, on top of ignore files and vendored
   *     trees
   */
  public record Context(
      boolean workspace, int maxFiles, int maxFileKb, int maxMemoryMb, List<String> exclude) {
    public Context {
      exclude = List.copyOf(exclude);
    }

    public static Context defaults() {
      return new Context(true, 20_000, 512, 64, List.of());
    }
  }

  /**
   * How often completions may be asked of the API. Defaults suit Mistral's free tier (30 requests
   * and 100k tokens a minute), so a fast typist never meets a 429; a paying user raises them.
   *
   * @param debounceMs how long an as-you-type request waits for the next keystroke before calling
   *     the API, in ms (0 to 2000); with adaptive debounce, the value used until typing speed is
   *     known
   * @param adaptiveDebounce whether the wait follows the user's typing speed: twice the median gap
   *     between recent keystrokes, kept between 50 and 400 ms
   * @param requestsPerMinute most as-you-type calls a minute; beyond it they are skipped (0: no
   *     limit)
   * @param tokensPerMinute most tokens (estimated prompt + max_tokens) a minute for as-you-type
   *     calls (0: no limit)
   * @param automaticDeadlineMs how long an as-you-type request may wait for the API before it is
   *     given up and answered empty, in ms: a suggestion later than this is of no use to a typist
   * @param invokedDeadlineMs the same for a request the user asked for explicitly
   * @param prefetch whether the suggestion after an accepted one is asked for ahead of the editor
   */
  public record Pacing(
      int debounceMs,
      boolean adaptiveDebounce,
      int requestsPerMinute,
      int tokensPerMinute,
      int automaticDeadlineMs,
      int invokedDeadlineMs,
      boolean prefetch) {
    public static final int DEFAULT_AUTOMATIC_DEADLINE_MS = 3_000;
    public static final int DEFAULT_INVOKED_DEADLINE_MS = 10_000;

    /** Pacing with the default deadlines and prefetch on. */
    public Pacing(
        int debounceMs, boolean adaptiveDebounce, int requestsPerMinute, int tokensPerMinute) {
      this(
          debounceMs,
          adaptiveDebounce,
          requestsPerMinute,
          tokensPerMinute,
          DEFAULT_AUTOMATIC_DEADLINE_MS,
          DEFAULT_INVOKED_DEADLINE_MS,
          true);
    }

    public static Pacing defaults() {
      return new Pacing(150, true, 30, 100_000);
    }
  }

  /**
   * Timeouts and transport policy of the HTTP calls. A hung API must never hold a request past
   * {@code requestTimeoutMs}; the three are separate because a slow first byte and a slow stream
   * are different faults.
   *
   * @param connectTimeoutMs longest wait for the TCP and TLS handshake, in milliseconds
   * @param readTimeoutMs longest silence between two reads of an answer, in milliseconds
   * @param requestTimeoutMs longest time one whole call may take, in milliseconds
   * @param allowInsecureHttp whether a plain {@code http://} endpoint that is not loopback may be
   *     used; off, because the key would cross the network in clear text
   */
  public record Network(
      int connectTimeoutMs, int readTimeoutMs, int requestTimeoutMs, boolean allowInsecureHttp) {
    public static Network defaults() {
      return new Network(10_000, 30_000, 60_000, false);
    }
  }

  /**
   * How the server runs: its log level and where the key comes from when it lives in a keychain.
   *
   * @param logLevel {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}; null
   *     keeps what {@code CODESTRAL_LOG_LEVEL} said
   * @param apiKeyCommand a command whose trimmed stdout is the key (argv, or one shell line as a
   *     single element run through the shell); empty when none
   */
  public record Operations(String logLevel, List<String> apiKeyCommand) {
    public Operations {
      apiKeyCommand = List.copyOf(apiKeyCommand);
    }

    public static Operations defaults() {
      return new Operations(null, List.of());
    }

    @Override
    public String toString() {
      // A command line may carry the secret itself (`echo sk-…`): say only whether one is set.
      return "Operations[logLevel="
          + logLevel
          + ", apiKeyCommand="
          + (apiKeyCommand.isEmpty() ? "none" : "set (" + apiKeyCommand.size() + " words)")
          + "]";
    }
  }

  /**
   * Settings of {@code codestral/chat}; a request's own {@code model}, {@code temperature} and
   * {@code maxTokens} win over these.
   *
   * @param model the model for chat
   * @param systemPrompt the first message of every chat, telling the model its job
   * @param maxTokens the most tokens one answer may have
   * @param temperature sampling temperature, 0 to 1.5
   */
  public record Chat(String model, String systemPrompt, int maxTokens, double temperature) {
    /** Short on purpose: every token of it is paid for on every turn. */
    public static final String DEFAULT_SYSTEM_PROMPT =
        "You are Codestral, a coding assistant inside the user's editor. Answer precisely and"
            + " briefly. When code is shared, refer to it by file and line; put code in fenced"
            + " blocks with the language named. If you are unsure, say so rather than guess.";

    public static Chat defaults() {
      return new Chat(DEFAULT_MODEL, DEFAULT_SYSTEM_PROMPT, 1024, 0.2);
    }
  }

  /** Who answers completions and chats. */
  public enum Provider {
    /** The Mistral API (or a proxy of it) at {@code codestral.endpoint}, with a key. */
    MISTRAL,
    /** A local Ollama at {@code codestral.ollama.endpoint}, no key. */
    OLLAMA;

    /** The name users write in settings: {@code mistral}, {@code ollama}. */
    public String settingName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Where a local Ollama listens and which model it serves, for FIM and chat alike.
   *
   * @param endpoint base URL; {@code /api/generate} and {@code /api/chat} are appended
   * @param model an Ollama model name, pulled beforehand with {@code ollama pull}
   */
  public record Ollama(String endpoint, String model) {
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:11434";
    public static final String DEFAULT_MODEL = "codestral:22b";

    public static Ollama defaults() {
      return new Ollama(DEFAULT_ENDPOINT, DEFAULT_MODEL);
    }
  }

  /** Defaults, with what the environment sets ({@code CODESTRAL_API_KEY}, …) applied. */
  public static Settings fromEnvironment(Map<String, String> environment) {
    String endpoint = environment.getOrDefault("CODESTRAL_ENDPOINT", "");
    ApiKey key = ApiKey.of(environment.get("CODESTRAL_API_KEY"), "CODESTRAL_API_KEY");
    if (key == null) {
      key = ApiKey.of(environment.get("MISTRAL_API_KEY"), "MISTRAL_API_KEY");
    }
    return new Settings(
        endpoint.isBlank() ? DEFAULT_ENDPOINT : BaseUrl.of(endpoint, "CODESTRAL_ENDPOINT"),
        key,
        DEFAULT_MODEL,
        Completion.defaults());
  }

  /**
   * These settings with some values changed: {@code settings.with(b -> b.maxTokens(64))}. The one
   * way to derive settings, so adding a field touches the builder alone.
   */
  public Settings with(Consumer<Builder> change) {
    Builder builder = new Builder(this);
    change.accept(builder);
    return builder.build();
  }

  /**
   * Every value of {@link Settings} as one flat, mutable set; {@link #build} makes the records.
   * Whole parts ({@code pacing(Pacing)}) may be set too, for tests that think in parts.
   */
  public static final class Builder {
    private String endpoint;
    private ApiKey apiKey;
    private String model;
    private boolean enabled;
    private int maxTokens;
    private double temperature;
    private List<String> stop;
    private int maxPromptTokens;
    private double prefixShare;
    private double contextShare;
    private List<String> excludedFiles;
    private boolean workspaceContext;
    private int contextMaxFiles;
    private int contextMaxFileKb;
    private int contextMaxMemoryMb;
    private List<String> contextExclude;
    private int debounceMs;
    private boolean adaptiveDebounce;
    private int requestsPerMinute;
    private int tokensPerMinute;
    private int automaticDeadlineMs;
    private int invokedDeadlineMs;
    private boolean prefetch;
    private int connectTimeoutMs;
    private int readTimeoutMs;
    private int requestTimeoutMs;
    private boolean allowInsecureHttp;
    private String logLevel;
    private List<String> apiKeyCommand;
    private String chatModel;
    private String chatSystemPrompt;
    private int chatMaxTokens;
    private double chatTemperature;
    private Provider provider;
    private String ollamaEndpoint;
    private String ollamaModel;

    private Builder(Settings from) {
      endpoint = from.endpoint;
      apiKey = from.apiKey;
      model = from.model;
      enabled = from.completion.enabled();
      maxTokens = from.completion.maxTokens();
      temperature = from.completion.temperature();
      stop = from.completion.stop();
      maxPromptTokens = from.prompt.maxPromptTokens();
      prefixShare = from.prompt.prefixShare();
      contextShare = from.prompt.contextShare();
      excludedFiles = from.prompt.excludedFiles();
      workspaceContext = from.prompt.context().workspace();
      contextMaxFiles = from.prompt.context().maxFiles();
      contextMaxFileKb = from.prompt.context().maxFileKb();
      contextMaxMemoryMb = from.prompt.context().maxMemoryMb();
      contextExclude = from.prompt.context().exclude();
      debounceMs = from.pacing.debounceMs();
      adaptiveDebounce = from.pacing.adaptiveDebounce();
      requestsPerMinute = from.pacing.requestsPerMinute();
      tokensPerMinute = from.pacing.tokensPerMinute();
      automaticDeadlineMs = from.pacing.automaticDeadlineMs();
      invokedDeadlineMs = from.pacing.invokedDeadlineMs();
      prefetch = from.pacing.prefetch();
      connectTimeoutMs = from.network.connectTimeoutMs();
      readTimeoutMs = from.network.readTimeoutMs();
      requestTimeoutMs = from.network.requestTimeoutMs();
      allowInsecureHttp = from.network.allowInsecureHttp();
      logLevel = from.operations.logLevel();
      apiKeyCommand = from.operations.apiKeyCommand();
      chatModel = from.chat.model();
      chatSystemPrompt = from.chat.systemPrompt();
      chatMaxTokens = from.chat.maxTokens();
      chatTemperature = from.chat.temperature();
      provider = from.provider;
      ollamaEndpoint = from.ollama.endpoint();
      ollamaModel = from.ollama.model();
    }

    /** The base URL; a trailing {@code /} or {@code /v1} is dropped (see {@link BaseUrl}). */
    public Builder endpoint(String value) {
      endpoint = BaseUrl.of(value, "codestral.endpoint");
      return this;
    }

    public Builder apiKey(ApiKey value) {
      apiKey = value;
      return this;
    }

    public Builder model(String value) {
      model = value;
      return this;
    }

    public Builder enabled(boolean value) {
      enabled = value;
      return this;
    }

    public Builder maxTokens(int value) {
      maxTokens = value;
      return this;
    }

    public Builder temperature(double value) {
      temperature = value;
      return this;
    }

    public Builder stop(List<String> value) {
      stop = value;
      return this;
    }

    public Builder maxPromptTokens(int value) {
      maxPromptTokens = value;
      return this;
    }

    public Builder prefixShare(double value) {
      prefixShare = value;
      return this;
    }

    public Builder contextShare(double value) {
      contextShare = value;
      return this;
    }

    public Builder excludedFiles(List<String> value) {
      excludedFiles = value;
      return this;
    }

    public Builder workspaceContext(boolean value) {
      workspaceContext = value;
      return this;
    }

    public Builder contextMaxFiles(int value) {
      contextMaxFiles = value;
      return this;
    }

    public Builder contextMaxFileKb(int value) {
      contextMaxFileKb = value;
      return this;
    }

    public Builder contextMaxMemoryMb(int value) {
      contextMaxMemoryMb = value;
      return this;
    }

    public Builder contextExclude(List<String> value) {
      contextExclude = value;
      return this;
    }

    public Builder debounceMs(int value) {
      debounceMs = value;
      return this;
    }

    public Builder adaptiveDebounce(boolean value) {
      adaptiveDebounce = value;
      return this;
    }

    public Builder requestsPerMinute(int value) {
      requestsPerMinute = value;
      return this;
    }

    public Builder tokensPerMinute(int value) {
      tokensPerMinute = value;
      return this;
    }

    public Builder automaticDeadlineMs(int value) {
      automaticDeadlineMs = value;
      return this;
    }

    public Builder invokedDeadlineMs(int value) {
      invokedDeadlineMs = value;
      return this;
    }

    public Builder prefetch(boolean value) {
      prefetch = value;
      return this;
    }

    public Builder connectTimeoutMs(int value) {
      connectTimeoutMs = value;
      return this;
    }

    public Builder readTimeoutMs(int value) {
      readTimeoutMs = value;
      return this;
    }

    public Builder requestTimeoutMs(int value) {
      requestTimeoutMs = value;
      return this;
    }

    public Builder allowInsecureHttp(boolean value) {
      allowInsecureHttp = value;
      return this;
    }

    public Builder logLevel(String value) {
      logLevel = value;
      return this;
    }

    public Builder apiKeyCommand(List<String> value) {
      apiKeyCommand = value;
      return this;
    }

    public Builder chatModel(String value) {
      chatModel = value;
      return this;
    }

    public Builder chatSystemPrompt(String value) {
      chatSystemPrompt = value;
      return this;
    }

    public Builder chatMaxTokens(int value) {
      chatMaxTokens = value;
      return this;
    }

    public Builder chatTemperature(double value) {
      chatTemperature = value;
      return this;
    }

    public Builder provider(Provider value) {
      provider = value;
      return this;
    }

    /** The local Ollama's base URL; a trailing {@code /} is dropped. */
    public Builder ollamaEndpoint(String value) {
      ollamaEndpoint = stripTrailingSlash(value.strip());
      return this;
    }

    public Builder ollamaModel(String value) {
      ollamaModel = value;
      return this;
    }

    public Builder completion(Completion value) {
      enabled = value.enabled();
      maxTokens = value.maxTokens();
      temperature = value.temperature();
      stop = value.stop();
      return this;
    }

    public Builder pacing(Pacing value) {
      debounceMs = value.debounceMs();
      adaptiveDebounce = value.adaptiveDebounce();
      requestsPerMinute = value.requestsPerMinute();
      tokensPerMinute = value.tokensPerMinute();
      automaticDeadlineMs = value.automaticDeadlineMs();
      invokedDeadlineMs = value.invokedDeadlineMs();
      prefetch = value.prefetch();
      return this;
    }

    public Builder network(Network value) {
      connectTimeoutMs = value.connectTimeoutMs();
      readTimeoutMs = value.readTimeoutMs();
      requestTimeoutMs = value.requestTimeoutMs();
      allowInsecureHttp = value.allowInsecureHttp();
      return this;
    }

    public Builder chat(Chat value) {
      chatModel = value.model();
      chatSystemPrompt = value.systemPrompt();
      chatMaxTokens = value.maxTokens();
      chatTemperature = value.temperature();
      return this;
    }

    public Builder ollama(Ollama value) {
      ollamaEndpoint = value.endpoint();
      ollamaModel = value.model();
      return this;
    }

    public Builder operations(Operations value) {
      logLevel = value.logLevel();
      apiKeyCommand = value.apiKeyCommand();
      return this;
    }

    public Builder context(Context value) {
      workspaceContext = value.workspace();
      contextMaxFiles = value.maxFiles();
      contextMaxFileKb = value.maxFileKb();
      contextMaxMemoryMb = value.maxMemoryMb();
      contextExclude = value.exclude();
      return this;
    }

    /** The prompt settings, workspace context included. */
    public Builder prompt(Prompt value) {
      maxPromptTokens = value.maxPromptTokens();
      prefixShare = value.prefixShare();
      contextShare = value.contextShare();
      excludedFiles = value.excludedFiles();
      return context(value.context());
    }

    public Settings build() {
      return new Settings(
          endpoint,
          apiKey,
          model,
          new Completion(enabled, maxTokens, temperature, stop),
          new Prompt(
              maxPromptTokens,
              prefixShare,
              contextShare,
              excludedFiles,
              new Context(
                  workspaceContext,
                  contextMaxFiles,
                  contextMaxFileKb,
                  contextMaxMemoryMb,
                  contextExclude)),
          new Pacing(
              debounceMs,
              adaptiveDebounce,
              requestsPerMinute,
              tokensPerMinute,
              automaticDeadlineMs,
              invokedDeadlineMs,
              prefetch),
          new Network(connectTimeoutMs, readTimeoutMs, requestTimeoutMs, allowInsecureHttp),
          new Operations(logLevel, apiKeyCommand),
          new Chat(chatModel, chatSystemPrompt, chatMaxTokens, chatTemperature),
          provider,
          new Ollama(ollamaEndpoint, ollamaModel));
    }
  }

  /** The model for completions with the provider in force. */
  public String completionModel() {
    return provider == Provider.OLLAMA ? ollama.model() : model;
  }

  /** The model for chat with the provider in force, when a request names none. */
  public String chatModel() {
    return provider == Provider.OLLAMA ? ollama.model() : chat.model();
  }

  static String stripTrailingSlash(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  @Override
  public String toString() {
    // Spelled out so the key's redacted form is what appears, whatever the record would print.
    return "Settings[endpoint="
        + ApiKey.mask(endpoint)
        + ", apiKey="
        + apiKey
        + ", model="
        + model
        + ", completion="
        + completion
        + ", prompt="
        + prompt
        + ", pacing="
        + pacing
        + ", network="
        + network
        + ", operations="
        + operations
        + ", chat="
        + chat
        + ", provider="
        + provider
        + ", ollama="
        + ollama
        + "]";
  }
}
