package codestral.lsp.postprocess;

import java.util.List;

/** Fixes of chat habits in a completion: code wrapped in a Markdown fence. */
final class FenceFixes {
  private FenceFixes() {}

  /**
   * A suggestion that starts with a fence line ({@code ```} or {@code ```python}) is the code
   * inside it: the opening line goes, and the closing fence ends the suggestion. Not in Markdown,
   * where a fence may be exactly what the user is writing.
   */
  static String stripMarkdownFences(Surroundings around, String text) {
    if (isMarkdown(around.languageId) || !around.lineSuffix.isBlank()) {
      return text;
    }
    List<String> lines = Lines.split(text);
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size() || !isFence(lines.get(first))) {
      return text;
    }
    int close = first + 1;
    while (close < lines.size() && !isFence(lines.get(close))) {
      close++;
    }
    return Lines.join(lines.subList(first + 1, close));
  }

  private static boolean isFence(String line) {
    String code = line.strip();
    if (!code.startsWith("```")) {
      return false;
    }
    String language = code.substring(3);
    return language
        .chars()
        .allMatch(
            c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '#' || c == '_');
  }

  private static boolean isMarkdown(String languageId) {
    return languageId.equals("markdown") || languageId.equals("mdx") || languageId.equals("quarto");
  }
}
