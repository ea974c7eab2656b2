package codestral.lsp.backend;

import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses to send the key in clear text across a network: a plain {@code http://} endpoint is
 * allowed only on this machine (127.0.0.0/8, ::1, {@code localhost}, for local proxies and tests)
 * unless the user opts in with {@code codestral.allowInsecureHttp}. Hosts are judged by their
 * literal name, never resolved, so a DNS answer cannot change the verdict.
 */
public final class EndpointPolicy {
  private EndpointPolicy() {}

  /**
   * The last answer and the settings it was for. Asked on every completion, and settings are
   * immutable and replaced only when the user changes them, so one entry compared by identity
   * spares parsing the endpoint URL each time.
   */
  private static volatile Decision last;

  private static final class Decision {
    final Settings settings;
    final Optional<String> refusal;

    Decision(Settings settings, Optional<String> refusal) {
      this.settings = settings;
      this.refusal = refusal;
    }
  }

  /** Why the endpoint in force may not be used, or empty when it may. */
  public static Optional<String> refusal(Settings settings) {
    Decision decided = last;
    if (decided != null && decided.settings == settings) {
      return decided.refusal;
    }
    Optional<String> refusal = decide(settings);
    last = new Decision(settings, refusal);
    return refusal;
  }

  private static Optional<String> decide(Settings settings) {
    if (settings.provider() != Settings.Provider.MISTRAL) {
      // A local Ollama gets no key, so there is nothing to leak; its URL is the user's choice.
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(settings.endpoint());
    } catch (Exception e) {
      return Optional.of("codestral.endpoint is not a valid URL");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      return Optional.empty();
    }
    if (settings.network().allowInsecureHttp() || isLoopback(uri.getHost())) {
      return Optional.empty();
    }
    return Optional.of(
        "refusing to send the API key over plain http:// to "
            + ApiKey.mask(String.valueOf(uri.getHost()))
            + ": use https://, or set codestral.allowInsecureHttp to true if you trust that network");
  }

  /** True for {@code localhost}, any 127.x.y.z literal and {@code ::1}. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    if (name.equals("::1") || name.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(Character::isDigit)
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
