package codestral.lsp.config;

import java.util.List;
import java.util.Map;

/**
 * Everything the user can set, with its default. A record so it is immutable and compares by
 * value: a change of settings is a new {@code Settings}, swapped in atomically.
 *
 * @param endpoint base URL of the API; {@code /v1/fim/completions} and {@code
 *     /v1/chat/completions} are appended
 * @param apiKey the key, or null when none is configured
 * @param model the model for completions
 * @param completion how completions are requested
 * @param chat how {@code codestral/chat} requests are answered
 * @param provider who answers: the Mistral API or a local Ollama
 * @param ollama where the local Ollama is and which model it serves
 */
public record Settings(
    String endpoint,
    ApiKey apiKey,
    String model,
    Completion completion,
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
      return name().toLowerCase(java.util.Locale.ROOT);
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
        endpoint.isBlank() ? DEFAULT_ENDPOINT : stripTrailingSlash(endpoint.strip()),
        key,
        DEFAULT_MODEL,
        Completion.defaults(),
        Chat.defaults(),
        Provider.MISTRAL,
        Ollama.defaults());
  }

  public Settings withEndpoint(String value) {
    return new Settings(stripTrailingSlash(value), apiKey, model, completion, chat, provider, ollama);
  }

  public Settings withApiKey(ApiKey value) {
    return new Settings(endpoint, value, model, completion, chat, provider, ollama);
  }

  public Settings withModel(String value) {
    return new Settings(endpoint, apiKey, value, completion, chat, provider, ollama);
  }

  public Settings withCompletion(Completion value) {
    return new Settings(endpoint, apiKey, model, value, chat, provider, ollama);
  }

  public Settings withChat(Chat value) {
    return new Settings(endpoint, apiKey, model, completion, value, provider, ollama);
  }

  public Settings withProvider(Provider value) {
    return new Settings(endpoint, apiKey, model, completion, chat, value, ollama);
  }

  public Settings withOllama(Ollama value) {
    return new Settings(endpoint, apiKey, model, completion, chat, provider, value);
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
        + endpoint
        + ", apiKey="
        + apiKey
        + ", model="
        + model
        + ", completion="
        + completion
        + ", chat="
        + chat
        + ", provider="
        + provider
        + ", ollama="
        + ollama
        + "]";
  }
}
