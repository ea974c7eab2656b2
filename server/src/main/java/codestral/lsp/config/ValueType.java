package codestral.lsp.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What values one setting takes: how a value from the client is checked and normalised, how a
 * refusal reads, and the JSON-schema words an editor needs to offer it (VS Code's settings UI).
 */
sealed interface ValueType {

  /** The value in its settings form, or null when it is refused. */
  Object accept(Object raw);

  /** What is expected, after "must be": {@code "a whole number from 1 to 4096"}. */
  String expectation();

  /** The JSON-schema type and bounds (no default or description). */
  Map<String, Object> schema();

  /** Whether a refused value may be quoted back to the user: not for key material. */
  default boolean quotesRefusedValue() {
    return true;
  }

  /** {@code true} or {@code false}. */
  record Flag() implements ValueType {
    @Override
    public Object accept(Object raw) {
      return raw instanceof Boolean ? raw : null;
    }

    @Override
    public String expectation() {
      return "true or false";
    }

    @Override
    public Map<String, Object> schema() {
      return Map.of("type", "boolean");
    }
  }

  /** A whole number within bounds; {@code unit} is said in the refusal ("milliseconds"). */
  record Whole(int min, int max, String unit) implements ValueType {
    @Override
    public Object accept(Object raw) {
      if (raw instanceof Number number) {
        double value = number.doubleValue();
        if (value == Math.rint(value) && value >= min && value <= max) {
          return number.intValue();
        }
      }
      return null;
    }

    @Override
    public String expectation() {
      return "a whole number"
          + (unit.isEmpty() ? "" : " of " + unit)
          + " from "
          + min
          + " to "
          + max;
    }

    @Override
    public Map<String, Object> schema() {
      return ordered("type", "integer", "minimum", min, "maximum", max);
    }
  }

  /** Any number within bounds. */
  record Decimal(double min, double max) implements ValueType {
    @Override
    public Object accept(Object raw) {
      if (raw instanceof Number number
          && number.doubleValue() >= min
          && number.doubleValue() <= max) {
        return number.doubleValue();
      }
      return null;
    }

    @Override
    public String expectation() {
      return "a number from " + plain(min) + " to " + plain(max);
    }

    @Override
    public Map<String, Object> schema() {
      return ordered("type", "number", "minimum", min, "maximum", max);
    }

    /** 0 rather than 0.0, 1.5 as 1.5: the bounds as README writes them. */
    private static String plain(double number) {
      return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
  }

  /** A string; stripped and non-empty unless {@code verbatim} (where "" means something). */
  record Text(boolean verbatim) implements ValueType {
    @Override
    public Object accept(Object raw) {
      if (!(raw instanceof String text)) {
        return null;
      }
      if (verbatim) {
        return text;
      }
      return text.isBlank() ? null : text.strip();
    }

    @Override
    public String expectation() {
      return verbatim ? "a string" : "a non-empty string";
    }

    @Override
    public Map<String, Object> schema() {
      return Map.of("type", "string");
    }
  }

  /** An http(s) URL with a host. The refused value is quoted masked: users paste keys into URLs. */
  record Url() implements ValueType {
    @Override
    public Object accept(Object raw) {
      if (raw instanceof String text) {
        try {
          URI uri = new URI(text.strip());
          String scheme = uri.getScheme();
          if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
              && uri.getHost() != null) {
            return text.strip();
          }
        } catch (URISyntaxException e) {
          return null;
        }
      }
      return null;
    }

    @Override
    public String expectation() {
      return "an http(s) URL";
    }

    @Override
    public Map<String, Object> schema() {
      return Map.of("type", "string");
    }
  }

  /** One of a few words, case-insensitive; the setting holds the lower-case word. */
  record Choice(List<String> words) implements ValueType {
    @Override
    public Object accept(Object raw) {
      if (raw instanceof String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        return words.contains(word) ? word : null;
      }
      return null;
    }

    @Override
    public String expectation() {
      return "one of " + String.join(", ", words);
    }

    @Override
    public Map<String, Object> schema() {
      return ordered("type", "string", "enum", words);
    }
  }

  /**
   * A list of strings; one string is taken as a list of one. {@code what} names the items in the
   * refusal ("glob strings"). A command line ({@code secret}) must have no blank word and is never
   * quoted back: it may carry the key itself.
   */
  record Strings(String what, boolean secret) implements ValueType {
    @Override
    public Object accept(Object raw) {
      if (raw instanceof String text) {
        return secret && text.isBlank() ? null : List.of(text);
      }
      if (!(raw instanceof List<?> items)) {
        return null;
      }
      List<String> result = new ArrayList<>();
      for (Object item : items) {
        if (!(item instanceof String text) || (secret && text.isBlank())) {
          return null;
        }
        result.add(text);
      }
      return List.copyOf(result);
    }

    @Override
    public String expectation() {
      return what;
    }

    @Override
    public Map<String, Object> schema() {
      return ordered("type", "array", "items", Map.of("type", "string"));
    }

    @Override
    public boolean quotesRefusedValue() {
      return !secret;
    }
  }

  /** The API key: a string, never quoted back. */
  record Secret() implements ValueType {
    @Override
    public Object accept(Object raw) {
      return raw instanceof String ? raw : null;
    }

    @Override
    public String expectation() {
      return "a string";
    }

    @Override
    public Map<String, Object> schema() {
      return Map.of("type", "string");
    }

    @Override
    public boolean quotesRefusedValue() {
      return false;
    }
  }

  /** A map in the order its pairs are given, so generated JSON reads the same every time. */
  static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
