package codestral.lsp.lsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of the golden corpus ({@code src/test/resources/golden/*.txt}), parsed from its readable
 * form. See {@code golden/README.md} for the format.
 *
 * @param name the case's title, which names its test
 * @param languageId the document's language
 * @param file the document text, without the cursor marker
 * @param cursor the cursor's offset in {@code file}
 * @param model what the model answered, raw
 * @param invoked whether the user asked explicitly (else as-you-type)
 * @param truncated the model stopped at its token limit ({@code finish=length})
 * @param expected the document after accepting the first suggestion, or null when none is due
 * @param alsoExpected the document after accepting the second suggestion, or null when none is due
 */
record GoldenCase(
    String name,
    String languageId,
    String file,
    int cursor,
    String model,
    boolean invoked,
    boolean truncated,
    String expected,
    String alsoExpected) {

  static final String NONE = "(none)";

  @Override
  public String toString() {
    return languageId + ": " + name;
  }

  /** All cases of one corpus file. */
  static List<GoldenCase> parse(String languageId, String text) {
    List<GoldenCase> cases = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int i = 0;
    while (i < lines.length && !lines[i].startsWith("=== ")) {
      i++; // The file's preamble: comments for the reader.
    }
    while (i < lines.length) {
      String header = lines[i++].substring(4).strip();
      Map<String, String> options = new HashMap<>();
      String name = header;
      int bracket = header.lastIndexOf(" [");
      if (bracket >= 0 && header.endsWith("]")) {
        name = header.substring(0, bracket);
        for (String option : header.substring(bracket + 2, header.length() - 1).split("\\s+")) {
          int eq = option.indexOf('=');
          options.put(
              eq < 0 ? option : option.substring(0, eq), eq < 0 ? "" : option.substring(eq + 1));
        }
      }
      Map<String, String> sections = new HashMap<>();
      while (i < lines.length && !lines[i].startsWith("=== ")) {
        if (!lines[i].startsWith("--- ")) {
          throw new IllegalArgumentException(
              languageId + ": " + name + ": expected a '--- section' line, got: " + lines[i]);
        }
        String section = lines[i++].substring(4).strip();
        List<String> content = new ArrayList<>();
        while (i < lines.length && !lines[i].startsWith("--- ") && !lines[i].startsWith("=== ")) {
          content.add(lines[i++]);
        }
        while (!content.isEmpty() && content.get(content.size() - 1).isEmpty()) {
          content.remove(content.size() - 1); // Blank lines before the next header only separate.
        }
        sections.put(section, String.join("\n", content));
      }
      cases.add(build(languageId, name, options, sections));
    }
    return cases;
  }

  private static GoldenCase build(
      String defaultLanguage,
      String name,
      Map<String, String> options,
      Map<String, String> sections) {
    for (String required : List.of("file", "model", "expected")) {
      if (!sections.containsKey(required)) {
        throw new IllegalArgumentException(name + ": missing '--- " + required + "'");
      }
    }
    String marker = options.getOrDefault("cursor", "|");
    boolean crlf = options.containsKey("crlf");
    String marked = visible(sections.get("file"), crlf);
    int cursor = marked.indexOf(marker);
    if (cursor < 0 || marked.indexOf(marker, cursor + 1) >= 0) {
      throw new IllegalArgumentException(
          name + ": the file needs exactly one cursor marker " + marker);
    }
    String file = marked.substring(0, cursor) + marked.substring(cursor + marker.length());
    return new GoldenCase(
        name,
        options.getOrDefault("lang", defaultLanguage),
        file,
        cursor,
        visible(sections.get("model"), options.containsKey("crlf-model")),
        options.containsKey("invoked"),
        "length".equals(options.get("finish")),
        outcome(sections.get("expected"), crlf),
        sections.containsKey("also") ? outcome(sections.get("also"), crlf) : null);
  }

  private static String outcome(String section, boolean crlf) {
    return section.strip().equals(NONE) ? null : visible(section, crlf);
  }

  /** Makes the corpus's visible whitespace real: ⇥ is a tab, ␣ a space; crlf makes breaks CRLF. */
  private static String visible(String text, boolean crlf) {
    String real = text.replace('⇥', '\t').replace('␣', ' ');
    return crlf ? real.replace("\n", "\r\n") : real;
  }
}
