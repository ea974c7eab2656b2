package codestral.lsp.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code codestral} section of the client's settings, in any of the shapes clients send
 * it, on top of the settings in force.
 *
 * <p>Input is plain Java data (maps, lists, strings, numbers, booleans) so this package knows
 * nothing of JSON libraries. A value of the wrong type or out of range is reported by its dotted
 * name and the previous value is kept: one typo must not switch the server off.
 */
public final class SettingsParser {

  /** The settings after parsing, and one human-readable line per rejected value. */
  public record Result(Settings settings, List<String> problems) {}

  private SettingsParser() {}

  /**
   * Applies a settings object on top of {@code current}. Accepts {@code {"codestral": {...}}} and
   * the bare section alike; null or an empty object changes nothing.
   */
  @SuppressWarnings("unchecked")
  public static Result parse(Settings current, Object settings) {
    List<String> problems = new ArrayList<>();
    if (!(settings instanceof Map)) {
      return new Result(current, problems);
    }
    Map<String, Object> root = (Map<String, Object>) settings;
    Object nested = root.get("codestral");
    Map<String, Object> section = nested instanceof Map ? (Map<String, Object>) nested : root;

    Settings result = current;
    Object endpoint = section.get("endpoint");
    if (endpoint != null) {
      if (endpoint instanceof String && isHttpUrl((String) endpoint)) {
        result = result.withEndpoint(((String) endpoint).strip());
      } else {
        problems.add("codestral.endpoint must be an http(s) URL, got: " + ApiKey.mask(String.valueOf(endpoint)));
      }
    }
    Object apiKey = section.get("apiKey");
    if (apiKey != null) {
      if (apiKey instanceof String) {
        ApiKey key = ApiKey.of((String) apiKey, "setting codestral.apiKey");
        if (key != null) {
          result = result.withApiKey(key);
        }
      } else {
        problems.add("codestral.apiKey must be a string");
      }
    }
    Object model = section.get("model");
    if (model != null) {
      if (model instanceof String && !((String) model).isBlank()) {
        result = result.withModel(((String) model).strip());
      } else {
        problems.add("codestral.model must be a non-empty string, got: " + model);
      }
    }
    Object completion = section.get("completion");
    Map<String, Object> completionSection =
        completion instanceof Map ? (Map<String, Object>) completion : section;
    result = result.withCompletion(parseCompletion(result.completion(), completionSection, problems));
    Object prompt = section.get("prompt");
    Map<String, Object> promptSection = prompt instanceof Map ? (Map<String, Object>) prompt : section;
    result = result.withPrompt(parsePrompt(result.prompt(), promptSection, problems));
    Object context = section.get("context");
    if (context instanceof Map) {
      Settings.Prompt parsed = result.prompt();
      Settings.Context workspace = parseContext(parsed.context(), (Map<String, Object>) context, problems);
      result = result.withPrompt(
          new Settings.Prompt(
              parsed.maxPromptTokens(), parsed.prefixShare(), parsed.contextShare(), parsed.excludedFiles(), workspace));
    } else if (context != null) {
      problems.add("codestral.context must be an object");
    }
    Object pacing = section.get("pacing");
    Map<String, Object> pacingSection = pacing instanceof Map ? (Map<String, Object>) pacing : section;
    result = result.withPacing(parsePacing(result.pacing(), pacingSection, problems));
    Object network = section.get("network");
    Map<String, Object> networkSection = network instanceof Map ? (Map<String, Object>) network : section;
    result = result.withNetwork(parseNetwork(result.network(), networkSection, problems));
    result = result.withOperations(parseOperations(result.operations(), section, problems));
    Object provider = section.get("provider");
    if (provider != null) {
      Settings.Provider parsed = providerOf(provider);
      if (parsed != null) {
        result = result.withProvider(parsed);
      } else {
        problems.add("codestral.provider must be \"mistral\" or \"ollama\", got: " + provider);
      }
    }
    Object ollama = section.get("ollama");
    if (ollama != null) {
      if (ollama instanceof Map) {
        result = result.withOllama(parseOllama(result.ollama(), (Map<String, Object>) ollama, problems));
      } else {
        problems.add("codestral.ollama must be an object");
      }
    }
    Object chat = section.get("chat");
    if (chat != null) {
      if (chat instanceof Map) {
        result = result.withChat(parseChat(result.chat(), (Map<String, Object>) chat, problems));
      } else {
        problems.add("codestral.chat must be an object");
      }
    }
    return new Result(result, List.copyOf(problems));
  }

  private static Settings.Completion parseCompletion(
      Settings.Completion current, Map<String, Object> section, List<String> problems) {
    boolean enabled = current.enabled();
    int maxTokens = current.maxTokens();
    double temperature = current.temperature();
    List<String> stop = current.stop();

    Object value = section.get("enable");
    if (value != null) {
      if (value instanceof Boolean) {
        enabled = (Boolean) value;
      } else {
        problems.add("codestral.enable must be true or false, got: " + value);
      }
    }
    maxTokens = wholeInRange(section, "maxTokens", 1, 4096, maxTokens, problems);
    temperature = numberInRange(section, "temperature", "temperature", 0, 1.5, temperature, problems);
    value = section.get("stop");
    if (value != null) {
      List<String> parsed = stringList(value);
      if (parsed != null) {
        stop = parsed;
      } else {
        problems.add("codestral.stop must be a string or a list of strings, got: " + value);
      }
    }
    return new Settings.Completion(enabled, maxTokens, temperature, stop);
  }

  private static Settings.Pacing parsePacing(
      Settings.Pacing current, Map<String, Object> section, List<String> problems) {
    int debounceMs = wholeInRange(section, "debounceMs", 0, 2000, current.debounceMs(), problems);
    boolean adaptive = current.adaptiveDebounce();
    Object value = section.get("adaptiveDebounce");
    if (value != null) {
      if (value instanceof Boolean) {
        adaptive = (Boolean) value;
      } else {
        problems.add("codestral.adaptiveDebounce must be true or false, got: " + value);
      }
    }
    int requests =
        wholeInRange(section, "requestsPerMinute", 0, 100_000, current.requestsPerMinute(), problems);
    int tokens =
        wholeInRange(section, "tokensPerMinute", 0, 100_000_000, current.tokensPerMinute(), problems);
    int automaticDeadline =
        wholeInRange(section, "automaticDeadlineMs", 100, 600_000, current.automaticDeadlineMs(), problems);
    int invokedDeadline =
        wholeInRange(section, "invokedDeadlineMs", 100, 600_000, current.invokedDeadlineMs(), problems);
    boolean prefetch = current.prefetch();
    value = section.get("prefetch");
    if (value != null) {
      if (value instanceof Boolean) {
        prefetch = (Boolean) value;
      } else {
        problems.add("codestral.prefetch must be true or false, got: " + value);
      }
    }
    return new Settings.Pacing(
        debounceMs, adaptive, requests, tokens, automaticDeadline, invokedDeadline, prefetch);
  }

  /** The whole number {@code codestral.name} in the section, or {@code current} when absent or bad. */
  private static int wholeInRange(
      Map<String, Object> section, String name, int min, int max, int current, List<String> problems) {
    return wholeInRange(section, name, name, min, max, current, problems);
  }

  /**
   * The whole number under {@code key} in the section, or {@code current} when absent or bad; a bad
   * value is reported as {@code codestral.label}.
   */
  private static int wholeInRange(
      Map<String, Object> section,
      String key,
      String label,
      int min,
      int max,
      int current,
      List<String> problems) {
    Object value = section.get(key);
    if (value == null) {
      return current;
    }
    if (value instanceof Number
        && isWhole((Number) value)
        && ((Number) value).doubleValue() >= min
        && ((Number) value).doubleValue() <= max) {
      return ((Number) value).intValue();
    }
    problems.add("codestral." + label + " must be a whole number from " + min + " to " + max + ", got: " + value);
    return current;
  }

  /** Like {@link #wholeInRange}, for any number from {@code min} to {@code max}. */
  private static double numberInRange(
      Map<String, Object> section,
      String key,
      String label,
      double min,
      double max,
      double current,
      List<String> problems) {
    Object value = section.get(key);
    if (value == null) {
      return current;
    }
    if (value instanceof Number
        && ((Number) value).doubleValue() >= min
        && ((Number) value).doubleValue() <= max) {
      return ((Number) value).doubleValue();
    }
    problems.add(
        "codestral." + label + " must be a number from " + plain(min) + " to " + plain(max) + ", got: " + value);
    return current;
  }

  /** 0 rather than 0.0, 1.5 as 1.5: the bounds as the README writes them. */
  private static String plain(double number) {
    return java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }

  private static Settings.Network parseNetwork(
      Settings.Network current, Map<String, Object> section, List<String> problems) {
    int connect = millis(section, "connectTimeoutMs", current.connectTimeoutMs(), problems);
    int read = millis(section, "readTimeoutMs", current.readTimeoutMs(), problems);
    int request = millis(section, "requestTimeoutMs", current.requestTimeoutMs(), problems);
    boolean insecure = current.allowInsecureHttp();
    Object value = section.get("allowInsecureHttp");
    if (value != null) {
      if (value instanceof Boolean) {
        insecure = (Boolean) value;
      } else {
        problems.add("codestral.allowInsecureHttp must be true or false, got: " + value);
      }
    }
    return new Settings.Network(connect, read, request, insecure);
  }

  /** A timeout from 1 ms to 10 minutes; anything else keeps {@code current}. */
  private static int millis(Map<String, Object> section, String name, int current, List<String> problems) {
    Object value = section.get(name);
    if (value == null) {
      return current;
    }
    if (value instanceof Number && isWhole((Number) value)
        && ((Number) value).longValue() >= 1 && ((Number) value).longValue() <= 600_000) {
      return ((Number) value).intValue();
    }
    problems.add("codestral." + name + " must be a whole number of milliseconds from 1 to 600000, got: " + value);
    return current;
  }

  private static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

  private static Settings.Operations parseOperations(
      Settings.Operations current, Map<String, Object> section, List<String> problems) {
    String logLevel = current.logLevel();
    List<String> command = current.apiKeyCommand();
    Object value = section.get("logLevel");
    if (value != null) {
      if (value instanceof String && LOG_LEVELS.contains(((String) value).strip().toLowerCase(java.util.Locale.ROOT))) {
        logLevel = ((String) value).strip().toLowerCase(java.util.Locale.ROOT);
      } else {
        problems.add("codestral.logLevel must be one of " + String.join(", ", LOG_LEVELS) + ", got: " + value);
      }
    }
    value = section.get("apiKeyCommand");
    if (value != null) {
      List<String> parsed = stringList(value);
      if (parsed != null && parsed.stream().noneMatch(String::isBlank)) {
        command = parsed;
      } else {
        // The command line may hold a secret: never echo it.
        problems.add("codestral.apiKeyCommand must be a command line or a list of its words");
      }
    }
    return new Settings.Operations(logLevel, command);
  }

  private static List<String> stringList(Object value) {
    if (value instanceof String) {
      return List.of((String) value);
    }
    if (!(value instanceof List)) {
      return null;
    }
    List<String> result = new ArrayList<>();
    for (Object item : (List<?>) value) {
      if (!(item instanceof String)) {
        return null;
      }
      result.add((String) item);
    }
    return List.copyOf(result);
  }

  private static boolean isWhole(Number number) {
    return number.doubleValue() == Math.rint(number.doubleValue());
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }

  /** The prompt budget and exclusions: {@code codestral.maxPromptTokens} and friends. */
  private static Settings.Prompt parsePrompt(
      Settings.Prompt current, Map<String, Object> section, List<String> problems) {
    int maxPromptTokens =
        wholeInRange(section, "maxPromptTokens", 16, 250_000, current.maxPromptTokens(), problems);
    double prefixShare = numberInRange(section, "prefixShare", "prefixShare", 0, 1, current.prefixShare(), problems);
    double contextShare =
        numberInRange(section, "contextShare", "contextShare", 0, 0.9, current.contextShare(), problems);
    List<String> excludedFiles = current.excludedFiles();
    Object value = section.get("excludedFiles");
    if (value != null) {
      List<String> parsed = stringList(value);
      if (parsed != null) {
        excludedFiles = parsed;
      } else {
        problems.add("codestral.excludedFiles must be a list of glob strings, got: " + value);
      }
    }
    return new Settings.Prompt(maxPromptTokens, prefixShare, contextShare, excludedFiles, current.context());
  }

  /** {@code codestral.context.*}: the workspace index, each value checked on its own. */
  private static Settings.Context parseContext(
      Settings.Context current, Map<String, Object> section, List<String> problems) {
    boolean workspace = current.workspace();
    Object value = section.get("workspace");
    if (value instanceof Boolean) {
      workspace = (Boolean) value;
    } else if (value != null) {
      problems.add("codestral.context.workspace must be true or false, got: " + value);
    }
    int maxFiles = wholeInRange(section, "maxFiles", "context.maxFiles", 0, 1_000_000, current.maxFiles(), problems);
    int maxFileKb = wholeInRange(section, "maxFileKb", "context.maxFileKb", 1, 65_536, current.maxFileKb(), problems);
    int maxMemoryMb =
        wholeInRange(section, "maxMemoryMb", "context.maxMemoryMb", 1, 4_096, current.maxMemoryMb(), problems);
    List<String> exclude = current.exclude();
    value = section.get("exclude");
    if (value != null) {
      List<String> parsed = stringList(value);
      if (parsed != null) {
        exclude = parsed;
      } else {
        problems.add("codestral.context.exclude must be a list of glob strings, got: " + value);
      }
    }
    return new Settings.Context(workspace, maxFiles, maxFileKb, maxMemoryMb, exclude);
  }

  /** {@code codestral.chat.*}: each value checked on its own, so one typo keeps the rest. */
  private static Settings.Chat parseChat(
      Settings.Chat current, Map<String, Object> section, List<String> problems) {
    String model = current.model();
    String systemPrompt = current.systemPrompt();
    int maxTokens = current.maxTokens();
    double temperature = current.temperature();

    Object value = section.get("model");
    if (value != null) {
      if (value instanceof String && !((String) value).isBlank()) {
        model = ((String) value).strip();
      } else {
        problems.add("codestral.chat.model must be a non-empty string, got: " + value);
      }
    }
    value = section.get("systemPrompt");
    if (value != null) {
      // An empty prompt is allowed: it means "send no system message".
      if (value instanceof String) {
        systemPrompt = (String) value;
      } else {
        problems.add("codestral.chat.systemPrompt must be a string");
      }
    }
    maxTokens = wholeInRange(section, "maxTokens", "chat.maxTokens", 1, 32_768, maxTokens, problems);
    temperature = numberInRange(section, "temperature", "chat.temperature", 0, 1.5, temperature, problems);
    return new Settings.Chat(model, systemPrompt, maxTokens, temperature);
  }

  private static Settings.Provider providerOf(Object value) {
    if (value instanceof String) {
      for (Settings.Provider provider : Settings.Provider.values()) {
        if (provider.settingName().equalsIgnoreCase(((String) value).strip())) {
          return provider;
        }
      }
    }
    return null;
  }

  /** {@code codestral.ollama.*}: the local server's URL and model. */
  private static Settings.Ollama parseOllama(
      Settings.Ollama current, Map<String, Object> section, List<String> problems) {
    String endpoint = current.endpoint();
    String model = current.model();
    Object value = section.get("endpoint");
    if (value != null) {
      if (value instanceof String && isHttpUrl((String) value)) {
        endpoint = Settings.stripTrailingSlash(((String) value).strip());
      } else {
        problems.add("codestral.ollama.endpoint must be an http(s) URL, got: " + value);
      }
    }
    value = section.get("model");
    if (value != null) {
      if (value instanceof String && !((String) value).isBlank()) {
        model = ((String) value).strip();
      } else {
        problems.add("codestral.ollama.model must be a non-empty string, got: " + value);
      }
    }
    return new Settings.Ollama(endpoint, model);
  }
}
