package codestral.lsp.postprocess;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fixes of length: where the suggestion ends, and its first line as a shorter candidate. */
final class ScopeFixes {
  private ScopeFixes() {}

  /** The text up to the end of its first line that holds more than whitespace. */
  static String throughFirstLineWithText(String text) {
    List<String> lines = Lines.split(text);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        return Lines.join(lines.subList(0, i + 1));
      }
    }
    return text;
  }

  /**
   * The suggestion ends where {@link SuggestionEnd} says: the rest of the line mid-line, the
   * statement at the end of a line of code, the block up to where its scope ends elsewhere.
   */
  static String cutWhereTheSuggestionEnds(Surroundings around, String text) {
    return SuggestionEnd.cut(around, text);
  }

  /**
   * An answer cut off by its token limit ({@code finish_reason: "length"}) ends in a line the model
   * never finished: when lines with text come before it, that last line goes. Applied to the raw
   * answer, so it is the line a stream would not have judged yet either.
   */
  static String dropUnfinishedLastLine(String text, boolean truncated) {
    int lastBreak = text.lastIndexOf('\n');
    if (!truncated
        || lastBreak < 0
        || text.substring(lastBreak + 1).isBlank()
        || text.substring(0, lastBreak).isBlank()) {
      return text;
    }
    return text.substring(0, lastBreak);
  }

  /** Whether the line opens a block or leaves a bracket open, so that its body follows below. */
  static boolean opensBlock(String line, String languageId) {
    String code = Lines.stripTrailing(line);
    if (code.endsWith(":")
        || code.endsWith("{")
        || code.endsWith("=>")
        || code.endsWith("->")
        || code.endsWith(" do")
        || code.endsWith(" then")
        || (code.contains(" do |") && code.endsWith("|"))) {
      return true;
    }
    if (languageId.equals("yaml") && code.strip().startsWith("- ")) {
      return true; // A list item: its other keys follow below, indented under its first.
    }
    return CodeScanner.opensBrackets(code, languageId) || opensWordBlock(code, languageId);
  }

  /** Words that open a block closed by {@code end}, in the languages that close blocks so. */
  private static final Map<String, Set<String>> WORD_OPENERS =
      Map.of(
          "ruby",
              Set.of(
                  "def", "class", "module", "if", "unless", "while", "until", "case", "begin",
                  "for"),
          "crystal",
              Set.of(
                  "def", "class", "module", "struct", "if", "unless", "while", "until", "case",
                  "begin"),
          "lua", Set.of("function", "local function"),
          "julia",
              Set.of(
                  "function", "if", "for", "while", "struct", "module", "begin", "let", "macro"));

  private static final Set<String> SHELLS = Set.of("shellscript", "sh", "bash", "zsh");

  private static boolean opensWordBlock(String code, String languageId) {
    if (SHELLS.contains(languageId)) {
      String line = code.strip();
      return line.startsWith("case ") && line.endsWith(" in"); // closed by esac
    }
    Set<String> openers = WORD_OPENERS.get(languageId);
    if (openers == null) {
      return false;
    }
    String line = code.strip();
    for (String opener : openers) {
      if (line.startsWith(opener + " ") || line.equals(opener)) {
        // A one-line form closes itself: `def x = 1` (Ruby 3), `function f() return 1 end`.
        return !line.endsWith(" end") && !line.contains(" = ");
      }
    }
    return false;
  }
}
