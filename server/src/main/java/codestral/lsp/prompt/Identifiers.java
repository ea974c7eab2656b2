package codestral.lsp.prompt;

import java.util.HashSet;
import java.util.Set;

/**
 * The identifiers of a piece of code, and how alike two sets of them are: the cheap relevance
 * measure of Jaccard similarity over sliding windows, language-agnostic and fast enough to run on
 * every request.
 */
final class Identifiers {
  /** Keywords of common languages: shared by all code, they say nothing about relevance. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "if",
          "else",
          "for",
          "while",
          "do",
          "return",
          "break",
          "continue",
          "switch",
          "case",
          "default",
          "try",
          "catch",
          "finally",
          "throw",
          "throws",
          "new",
          "this",
          "self",
          "super",
          "class",
          "interface",
          "enum",
          "struct",
          "public",
          "private",
          "protected",
          "static",
          "final",
          "const",
          "let",
          "var",
          "val",
          "fun",
          "func",
          "function",
          "def",
          "fn",
          "void",
          "int",
          "long",
          "double",
          "float",
          "bool",
          "boolean",
          "char",
          "string",
          "String",
          "true",
          "false",
          "null",
          "nil",
          "None",
          "True",
          "False",
          "import",
          "from",
          "package",
          "export",
          "as",
          "in",
          "is",
          "not",
          "and",
          "or",
          "async",
          "await",
          "yield",
          "with",
          "pass",
          "lambda",
          "end",
          "then",
          "elif",
          "local",
          "use",
          "mod",
          "pub",
          "impl",
          "type",
          "the",
          "to",
          "of",
          "a",
          "an",
          "it");

  private Identifiers() {}

  /**
   * The distinct identifiers of at least two characters, keywords left out. An identifier starts
   * with a letter, {@code _} or {@code $} and goes on with those and digits.
   */
  static Set<String> of(String text) {
    Set<String> result = new HashSet<>();
    int i = 0;
    while (i < text.length()) {
      if (!isStart(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      do {
        i++;
      } while (i < text.length() && isPart(text.charAt(i)));
      if (i - start >= 2) {
        String identifier = text.substring(start, i);
        if (!STOP_WORDS.contains(identifier)) {
          result.add(identifier);
        }
      }
    }
    return result;
  }

  /** Jaccard similarity: shared identifiers over all identifiers, 0 when either is empty. */
  static double similarity(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> smaller = a.size() <= b.size() ? a : b;
    Set<String> larger = smaller == a ? b : a;
    long shared = smaller.stream().filter(larger::contains).count();
    return (double) shared / (a.size() + b.size() - shared);
  }

  private static boolean isStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$';
  }

  private static boolean isPart(char c) {
    return isStart(c) || Character.isDigit(c);
  }
}
