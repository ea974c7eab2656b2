package codestral.lsp.postprocess;

import codestral.lsp.prompt.FimWindow;
import java.util.Optional;

/**
 * The chain of fixes applied to the model's raw text, in order. Each step is a small pure
 * function named for what it fixes.
 */
public final class PostProcessor {

  /** The suggestion to show, or empty when nothing useful is left. */
  public Optional<Suggestion> process(FimWindow window, String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = stripTrailingWhitespace(raw);
    if (text.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Suggestion(text, 0));
  }

  /** A suggestion never ends in spaces or blank lines: they would only be deleted again. */
  static String stripTrailingWhitespace(String text) {
    int end = text.length();
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
