package codestral.lsp.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every setting the server reads, in one list: the parser checks values against it, and editors'
 * settings pages (VS Code's {@code contributes.configuration}) are generated from it, so a setting
 * cannot exist in one place and be missing from the other.
 */
public final class SettingsCatalog {
  private static final String COMPLETION = "completion";
  private static final String PROMPT = "prompt";
  private static final String PACING = "pacing";
  private static final String NETWORK = "network";
  private static final ValueType FLAG = new ValueType.Flag();
  private static final ValueType TEXT = new ValueType.Text(false);
  private static final ValueType URL = new ValueType.Url();
  private static final ValueType MILLIS = new ValueType.Whole(1, 600_000, "milliseconds");
  private static final ValueType GLOBS = new ValueType.Strings("a list of glob strings", false);

  static final List<Setting> ALL =
      List.of(
          // The key first: once read, it is masked in any other value's refusal (a URL it was
          // pasted into).
          fromEnvironment(
              "apiKey",
              null,
              new ValueType.Secret(),
              "The API key. Prefer the environment ($CODESTRAL_API_KEY) or apiKeyCommand: a settings"
                  + " file is easily shared.",
              Settings::apiKey,
              SettingsCatalog::applyApiKey),
          fromEnvironment(
              "endpoint",
              null,
              URL,
              "Base URL of the API; /v1/fim/completions and /v1/chat/completions are appended. Empty:"
                  + " $CODESTRAL_ENDPOINT, else https://codestral.mistral.ai.",
              Settings::endpoint,
              (b, v) -> b.endpoint((String) v)),
          setting(
              "model",
              null,
              TEXT,
              "Model for completions.",
              Settings::model,
              (b, v) -> b.model((String) v)),
          setting(
              "enable",
              COMPLETION,
              FLAG,
              "Suggest at all.",
              s -> s.completion().enabled(),
              (b, v) -> b.enabled((Boolean) v)),
          setting(
              "maxTokens",
              COMPLETION,
              new ValueType.Whole(1, 4096, ""),
              "Most tokens per suggestion.",
              s -> s.completion().maxTokens(),
              (b, v) -> b.maxTokens((Integer) v)),
          setting(
              "temperature",
              COMPLETION,
              new ValueType.Decimal(0, 1.5),
              "Sampling temperature of suggestions; low is best for code.",
              s -> s.completion().temperature(),
              (b, v) -> b.temperature((Double) v)),
          setting(
              "stop",
              COMPLETION,
              new ValueType.Strings("a string or a list of strings", false),
              "Extra stop sequences.",
              s -> s.completion().stop(),
              (b, v) -> b.stop(strings(v))),
          setting(
              "maxPromptTokens",
              PROMPT,
              new ValueType.Whole(16, 250_000, ""),
              "Most tokens of prompt and suffix together, by estimate; the answer's maxTokens comes"
                  + " on top.",
              s -> s.prompt().maxPromptTokens(),
              (b, v) -> b.maxPromptTokens((Integer) v)),
          setting(
              "prefixShare",
              PROMPT,
              new ValueType.Decimal(0, 1),
              "Part of the window (after context) that goes before the cursor; what one side cannot"
                  + " use goes to the other.",
              s -> s.prompt().prefixShare(),
              (b, v) -> b.prefixShare((Double) v)),
          setting(
              "contextShare",
              PROMPT,
              new ValueType.Decimal(0, 0.9),
              "Most of the budget that context from other files may take (0 turns it off).",
              s -> s.prompt().contextShare(),
              (b, v) -> b.contextShare((Double) v)),
          setting(
              "excludedFiles",
              PROMPT,
              GLOBS,
              "Globs of files never sent: no completion inside them, never used as context. A list"
                  + " you set replaces the defaults.",
              s -> s.prompt().excludedFiles(),
              (b, v) -> b.excludedFiles(strings(v))),
          setting(
              "context.workspace",
              null,
              FLAG,
              "Index the workspace folders on disk and send the definitions the cursor uses.",
              s -> s.prompt().context().workspace(),
              (b, v) -> b.workspaceContext((Boolean) v)),
          setting(
              "context.maxFiles",
              null,
              new ValueType.Whole(0, 1_000_000, ""),
              "Most files indexed; the files nearest the open documents come first.",
              s -> s.prompt().context().maxFiles(),
              (b, v) -> b.contextMaxFiles((Integer) v)),
          setting(
              "context.maxFileKb",
              null,
              new ValueType.Whole(1, 65_536, ""),
              "Files larger than this many KiB are never read by the index.",
              s -> s.prompt().context().maxFileKb(),
              (b, v) -> b.contextMaxFileKb((Integer) v)),
          setting(
              "context.maxMemoryMb",
              null,
              new ValueType.Whole(1, 4_096, ""),
              "Most memory, in MiB by estimate, the index may hold.",
              s -> s.prompt().context().maxMemoryMb(),
              (b, v) -> b.contextMaxMemoryMb((Integer) v)),
          setting(
              "context.exclude",
              null,
              GLOBS,
              "Extra gitignore-style globs never indexed.",
              s -> s.prompt().context().exclude(),
              (b, v) -> b.contextExclude(strings(v))),
          setting(
              "debounceMs",
              PACING,
              new ValueType.Whole(0, 2000, ""),
              "How long an as-you-type request waits for the next keystroke, in ms; the starting"
                  + " value when adaptive.",
              s -> s.pacing().debounceMs(),
              (b, v) -> b.debounceMs((Integer) v)),
          setting(
              "adaptiveDebounce",
              PACING,
              FLAG,
              "Follow the typing speed: wait twice the median gap between recent keystrokes.",
              s -> s.pacing().adaptiveDebounce(),
              (b, v) -> b.adaptiveDebounce((Boolean) v)),
          setting(
              "requestsPerMinute",
              PACING,
              new ValueType.Whole(0, 100_000, ""),
              "Most as-you-type calls a minute; explicit requests always go through (0: no limit).",
              s -> s.pacing().requestsPerMinute(),
              (b, v) -> b.requestsPerMinute((Integer) v)),
          setting(
              "tokensPerMinute",
              PACING,
              new ValueType.Whole(0, 100_000_000, ""),
              "Most tokens a minute, by estimate, for as-you-type calls (0: no limit).",
              s -> s.pacing().tokensPerMinute(),
              (b, v) -> b.tokensPerMinute((Integer) v)),
          setting(
              "automaticDeadlineMs",
              PACING,
              new ValueType.Whole(100, 600_000, ""),
              "An as-you-type request still unanswered after this many ms is given up.",
              s -> s.pacing().automaticDeadlineMs(),
              (b, v) -> b.automaticDeadlineMs((Integer) v)),
          setting(
              "invokedDeadlineMs",
              PACING,
              new ValueType.Whole(100, 600_000, ""),
              "The same for a suggestion asked for explicitly.",
              s -> s.pacing().invokedDeadlineMs(),
              (b, v) -> b.invokedDeadlineMs((Integer) v)),
          setting(
              "prefetch",
              PACING,
              FLAG,
              "Ask for the suggestion after an accepted one before the editor asks.",
              s -> s.pacing().prefetch(),
              (b, v) -> b.prefetch((Boolean) v)),
          setting(
              "connectTimeoutMs",
              NETWORK,
              MILLIS,
              "Longest wait to connect (TCP and TLS), in ms.",
              s -> s.network().connectTimeoutMs(),
              (b, v) -> b.connectTimeoutMs((Integer) v)),
          setting(
              "readTimeoutMs",
              NETWORK,
              MILLIS,
              "Longest silence while reading an answer, in ms.",
              s -> s.network().readTimeoutMs(),
              (b, v) -> b.readTimeoutMs((Integer) v)),
          setting(
              "requestTimeoutMs",
              NETWORK,
              MILLIS,
              "Longest time one call may take in all, in ms.",
              s -> s.network().requestTimeoutMs(),
              (b, v) -> b.requestTimeoutMs((Integer) v)),
          setting(
              "allowInsecureHttp",
              NETWORK,
              FLAG,
              "Allow a plain http:// endpoint that is not loopback (the key would cross the network"
                  + " in clear).",
              s -> s.network().allowInsecureHttp(),
              (b, v) -> b.allowInsecureHttp((Boolean) v)),
          fromEnvironment(
              "logLevel",
              null,
              new ValueType.Choice(List.of("error", "warn", "info", "debug", "trace")),
              "How much the server logs. Empty: $CODESTRAL_LOG_LEVEL, else info.",
              s -> s.operations().logLevel(),
              (b, v) -> b.logLevel((String) v)),
          setting(
              "apiKeyCommand",
              null,
              new ValueType.Strings("a command line or a list of its words", true),
              "A command whose trimmed output is the key (a list is the argv; one string runs in"
                  + " /bin/sh); overrides the other key sources.",
              s -> s.operations().apiKeyCommand(),
              (b, v) -> b.apiKeyCommand(strings(v))),
          setting(
              "chat.model",
              null,
              TEXT,
              "Model for codestral/chat.",
              s -> s.chat().model(),
              (b, v) -> b.chatModel((String) v)),
          setting(
              "chat.systemPrompt",
              null,
              new ValueType.Text(true),
              "First message of every chat; empty sends none.",
              s -> s.chat().systemPrompt(),
              (b, v) -> b.chatSystemPrompt((String) v)),
          setting(
              "chat.maxTokens",
              null,
              new ValueType.Whole(1, 32_768, ""),
              "Most tokens per chat answer.",
              s -> s.chat().maxTokens(),
              (b, v) -> b.chatMaxTokens((Integer) v)),
          setting(
              "chat.temperature",
              null,
              new ValueType.Decimal(0, 1.5),
              "Sampling temperature of chat.",
              s -> s.chat().temperature(),
              (b, v) -> b.chatTemperature((Double) v)),
          setting(
              "provider",
              null,
              new ValueType.Choice(providerNames()),
              "Who answers: mistral (the API at endpoint) or ollama (a local Ollama).",
              s -> s.provider().settingName(),
              (b, v) ->
                  b.provider(Settings.Provider.valueOf(((String) v).toUpperCase(Locale.ROOT)))),
          setting(
              "ollama.endpoint",
              null,
              URL,
              "Base URL of the local Ollama; /api/generate and /api/chat are appended.",
              s -> s.ollama().endpoint(),
              (b, v) -> b.ollamaEndpoint((String) v)),
          setting(
              "ollama.model",
              null,
              TEXT,
              "Ollama model for completions and chat.",
              s -> s.ollama().model(),
              (b, v) -> b.ollamaModel((String) v)));

  private SettingsCatalog() {}

  /** The full names of every setting, in catalogue order: {@code codestral.endpoint}, … */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Setting setting : ALL) {
      names.add(setting.fullName());
    }
    return names;
  }

  /**
   * The settings as JSON-schema properties keyed by full name, in the shape of VS Code's {@code
   * contributes.configuration.properties}. The API key is left out: editors with a secret store
   * keep it there, never in a settings file.
   */
  public static Map<String, Object> editorSchema() {
    Settings defaults = Settings.fromEnvironment(Map.of());
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Setting setting : ALL) {
      if (setting.type() instanceof ValueType.Secret) {
        continue;
      }
      Map<String, Object> property = new LinkedHashMap<>(setting.type().schema());
      if (setting.fromEnvironment()) {
        property.put("default", "");
        if (setting.type() instanceof ValueType.Choice choice) {
          List<String> words = new ArrayList<>(List.of(""));
          words.addAll(choice.words());
          property.put("enum", words);
        }
      } else {
        property.put("default", setting.current().apply(defaults));
      }
      property.put("description", setting.description());
      properties.put(setting.fullName(), property);
    }
    return properties;
  }

  private static Setting setting(
      String name,
      String group,
      ValueType type,
      String description,
      Function<Settings, Object> current,
      BiConsumer<Settings.Builder, Object> apply) {
    return new Setting(name, group, type, description, false, current, apply);
  }

  private static Setting fromEnvironment(
      String name,
      String group,
      ValueType type,
      String description,
      Function<Settings, Object> current,
      BiConsumer<Settings.Builder, Object> apply) {
    return new Setting(name, group, type, description, true, current, apply);
  }

  private static void applyApiKey(Settings.Builder builder, Object value) {
    ApiKey key = ApiKey.of((String) value, "setting codestral.apiKey");
    if (key != null) {
      builder.apiKey(key);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return (List<String>) value;
  }

  private static List<String> providerNames() {
    List<String> names = new ArrayList<>();
    for (Settings.Provider provider : Settings.Provider.values()) {
      names.add(provider.settingName());
    }
    return List.copyOf(names);
  }
}
