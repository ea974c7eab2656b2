package codestral.lsp.config;

import java.util.Objects;

/**
 * The user's secret. Its {@link #toString()} never shows it, so it cannot leak through a log line,
 * an exception message or a debugger's summary by accident; the one way out is {@link #reveal()},
 * which only the HTTP layer calls to build the {@code Authorization} header.
 */
public final class ApiKey {
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
    return new ApiKey(value.strip(), source);
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
    return other instanceof ApiKey && ((ApiKey) other).value.equals(value);
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
