package codestral.lsp.document;

import java.util.List;
import java.util.Optional;

/**
 * How the {@code character} of an LSP position counts: in UTF-8 bytes, UTF-16 code units (the
 * protocol's default, always valid) or Unicode code points.
 */
public enum PositionEncoding {
  UTF8("utf-8"),
  UTF16("utf-16"),
  UTF32("utf-32");

  private final String wireName;

  PositionEncoding(String wireName) {
    this.wireName = wireName;
  }

  /** The name used on the wire, as in {@code general.positionEncodings}. */
  public String wireName() {
    return wireName;
  }

  /** The encoding named on the wire, if it is one we know. */
  public static Optional<PositionEncoding> fromWireName(String name) {
    for (PositionEncoding encoding : values()) {
      if (encoding.wireName.equalsIgnoreCase(name)) {
        return Optional.of(encoding);
      }
    }
    return Optional.empty();
  }

  /**
   * Picks the encoding to use from what the client offers, in its order of preference.
   *
   * <p>UTF-16 is always valid; we take the client's first choice when we know it, because every
   * encoding is equally cheap for us and the client's own choice is cheapest for it.
   */
  public static PositionEncoding negotiate(List<String> offered) {
    if (offered != null) {
      for (String name : offered) {
        Optional<PositionEncoding> known = fromWireName(name);
        if (known.isPresent()) {
          return known.get();
        }
      }
    }
    return UTF16;
  }

  /** How many units of this encoding the code point takes. */
  int width(int codePoint) {
    switch (this) {
      case UTF8:
        if (codePoint < 0x80) {
          return 1;
        } else if (codePoint < 0x800) {
          return 2;
        } else if (codePoint < 0x10000) {
          return 3;
        }
        return 4;
      case UTF16:
        return Character.charCount(codePoint);
      default:
        return 1;
    }
  }
}
