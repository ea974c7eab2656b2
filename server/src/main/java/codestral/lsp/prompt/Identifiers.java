package codestral.lsp.prompt;

import java.util.HashSet;
import java.util.Set;

/**
 * The identifiers of a piece of code, and how alike two sets of them are: the cheap relevance
 * measure Copilot's "neighboring tabs" popularised (Jaccard similarity over sliding windows),
 * language-agnostic and fast enough to run on every request.
 */
final class Identifiers {
  /** Keywords of common languages: shared by all code, they say nothing about relevance. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "if", "else", "for", "while", "do", "return", "break", "continue", "switch", "case",
          "default", "try", "catch", "finally", "throw", "throws", "new", "this", "self", "super",
          "class", "interface", "enum", "struct", "public", "private", "protected", "static",
          "final", "const", "let", "var", "val", "fun", "func", "function", "def", "fn", "void",
          "int", "long", "double", "float", "bool", "boolean", "char", "string", "String",
          "true", "false", "null", "nil", "None", "True", "False", "import", "from", "package",
          "export", "as", "in", "is", "not", "and", "or", "async", "await", "yield", "with",
          "pass", "lambda", "end", "then", "elif", "local", "use", "mod", "pub", "impl", "type",
          "the", "to", "of", "a", "an", "it");

  private Identifiers() {}

  /** The distinct identifiers of at least two characters, keywords left out. */
  static Set<String> of(CharSequence text) {
    Set<String> result = new HashSet<>();
    int i = 0;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i;
        while (i < length && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '$')) {
          i++;
        }
        if (i - start >= 2) {
          String word = text.subSequence(start, i).toString();
          if (!STOP_WORDS.contains(word)) {
            result.add(word);
          }
        }
      } else {
        i++;
      }
    }
    return result;
  }

  /** Jaccard similarity: shared identifiers over all identifiers, 0 when both are empty. */
  static double similarity(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> smaller = a.size() <= b.size() ? a : b;
    Set<String> larger = smaller == a ? b : a;
    int shared = 0;
    for (String word : smaller) {
      if (larger.contains(word)) {
        shared++;
      }
    }
    return (double) shared / (a.size() + b.size() - shared);
  }
}
