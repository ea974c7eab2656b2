package codestral.lsp.config;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user's secret. Its {@link #toString()} never shows it, so it cannot leak through a log line,
 * an exception message or a debugger's summary by accident; the one way out is {@link #reveal()},
 * which only the HTTP layer calls to build the {@code Authorization} header.
 */
public final class ApiKey {
  /** Shown instead of a key wherever text might carry one. */
  public static final String MASK = "[redacted]";

  /**
   * Every key this process has seen, so that text built anywhere (a log line, an exception from a
   * library, a URL the user pasted the key into) can be masked before it leaves the process. A
   * deliberate global: the last line of defence must not depend on being handed the right key.
   */
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private final String value;
  private final String source;

  private ApiKey(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /** A key, or null when the value is blank. {@code source} names where it came from. */
  public static ApiKey of(String value, String source) {
    if (value == null || value.isBlank()) {
      return null;
    }
    ApiKey key = new ApiKey(value.strip(), source);
    if (key.value.length() >= 6) {
      // Shorter values are not real keys, and masking them would garble every log line.
      KNOWN.add(key.value);
    }
    return key;
  }

  /**
   * The text with every key this process has seen replaced by {@link #MASK}. Cheap when no key is
   * known; null stays null.
   */
  public static String mask(String text) {
    if (text == null || KNOWN.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : KNOWN) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }

  /** The secret itself: for the {@code Authorization} header and for redaction, nothing else. */
  public String reveal() {
    return value;
  }

  /** Where the key came from (an environment variable or a setting), safe to show the user. */
  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key && key.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "ApiKey[from " + source + ", redacted]";
  }
}
