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
 * @param prompt what goes into a request: the token budget, its split, files never sent
 */
public record Settings(
    String endpoint, ApiKey apiKey, String model, Completion completion, Prompt prompt) {
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

  /** Settings with the default {@link Prompt}. */
  public Settings(String endpoint, ApiKey apiKey, String model, Completion completion) {
    this(endpoint, apiKey, model, completion, Prompt.defaults());
  }

  /**
   * Settings of the prompt: how many tokens a request may carry and how they are shared.
   *
   * @param maxPromptTokens the most tokens of {@code prompt} plus {@code suffix}, by the estimate;
   *     the answer's {@code max_tokens} comes on top
   * @param prefixShare the part of the window (after context) that goes before the cursor
   * @param contextShare the most of the budget that snippets of other documents may take
   * @param excludedFiles globs of files never sent (no completion inside, never context)
   */
  public record Prompt(
      int maxPromptTokens, double prefixShare, double contextShare, List<String> excludedFiles) {
    public static final List<String> DEFAULT_EXCLUDED_FILES =
        List.of(
            ".env*", "*.env", "*.pem", "*.key", "*.p12", "*.pfx", "*.jks", "*.keystore", "*.kdbx",
            "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*", ".npmrc", ".pypirc", ".netrc",
            "_netrc", ".git-credentials", ".htpasswd", "credentials*", "secrets.*", "*.tfvars",
            ".aws/config", ".docker/config.json", ".kube/config");

    public Prompt {
      excludedFiles = List.copyOf(excludedFiles);
    }

    public static Prompt defaults() {
      return new Prompt(4096, 0.75, 0.25, DEFAULT_EXCLUDED_FILES);
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
        Completion.defaults());
  }

  public Settings withEndpoint(String value) {
    return new Settings(stripTrailingSlash(value), apiKey, model, completion, prompt);
  }

  public Settings withApiKey(ApiKey value) {
    return new Settings(endpoint, value, model, completion, prompt);
  }

  public Settings withModel(String value) {
    return new Settings(endpoint, apiKey, value, completion, prompt);
  }

  public Settings withCompletion(Completion value) {
    return new Settings(endpoint, apiKey, model, value, prompt);
  }

  public Settings withPrompt(Prompt value) {
    return new Settings(endpoint, apiKey, model, completion, value);
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
        + ", prompt="
        + prompt
        + "]";
  }
}
