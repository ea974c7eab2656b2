package codestral.lsp.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file's text line by line into a {@link FileSummary}: the package, the imports, and each
 * definition's signature with the first line of its doc comment, by the patterns of its {@link
 * Language}. Lines inside block comments, and very long (minified) lines, are skipped.
 *
 * <p>Stateless and thread-safe.
 */
public final class SourceScanner {
  /** A file yields at most this many definitions: a generated table is not worth the memory. */
  static final int MAX_DEFINITIONS = 2_000;

  private static final int MAX_LINE_CHARS = 400;
  private static final int MAX_SIGNATURE_LINES = 4;
  private static final int MAX_SIGNATURE_CHARS = 300;
  private static final int MAX_DOC_CHARS = 160;

  /**
   * Words that start a statement, never a declaration, though the patterns would take them for a
   * type.
   */
  private static final Set<String> STATEMENT_WORDS =
      Set.of(
          "return",
          "new",
          "throw",
          "else",
          "case",
          "await",
          "yield",
          "goto",
          "delete",
          "import",
          "package",
          "using",
          "co_return",
          "echo",
          "print",
          "raise",
          "assert",
          "del",
          "not",
          "and",
          "or");

  private static final Set<String> KEYWORDS =
      Set.of(
          "if",
          "for",
          "while",
          "switch",
          "catch",
          "return",
          "new",
          "else",
          "do",
          "try",
          "synchronized",
          "throw",
          "sizeof",
          "function",
          "await",
          "yield",
          "typeof",
          "delete",
          "case",
          "super",
          "this",
          "foreach",
          "elif",
          "with",
          "lock",
          "using",
          "fixed",
          "when",
          "match",
          "defined",
          "alignof",
          "decltype",
          "static_assert",
          "assert",
          "require",
          "include",
          "__attribute__",
          "operator");
  private static final Pattern FIRST_WORD = Pattern.compile("^\\s*([\\w$]+)");

  private SourceScanner() {}

  /** The summary of a file's text. */
  public static FileSummary scan(Language language, CharSequence text) {
    List<String> lines = text.toString().lines().toList();
    FileSummary.Builder summary = new FileSummary.Builder(language);
    boolean inBlockComment = false;
    boolean inGoImports = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.length() > MAX_LINE_CHARS) {
        continue;
      }
      if (language != Language.PYTHON && language != Language.RUBY) {
        if (inBlockComment) {
          inBlockComment = !line.contains("*/");
          continue;
        }
        String stripped = line.stripLeading();
        if (stripped.startsWith("/*") && !stripped.contains("*/")) {
          inBlockComment = true;
          continue;
        }
        if (stripped.startsWith("/*") || stripped.startsWith("*") || stripped.startsWith("//")) {
          continue;
        }
      }
      if (language.packagePattern != null && !summary.hasPackage()) {
        Matcher found = language.packagePattern.matcher(line);
        if (found.find()) {
          summary.packageName(found.group(1));
          continue;
        }
      }
      if (language == Language.GO) {
        if (line.startsWith("import (")) {
          inGoImports = true;
          continue;
        }
        if (inGoImports && line.strip().equals(")")) {
          inGoImports = false;
          continue;
        }
      }
      if (imports(language, line, inGoImports, summary)) {
        continue;
      }
      if (summary.count() < MAX_DEFINITIONS) {
        definition(language, lines, i, summary);
      }
    }
    return summary.build();
  }

  /** Adds the line's imports; whether it was an import line. */
  private static boolean imports(
      Language language, String line, boolean inGoImports, FileSummary.Builder summary) {
    List<Pattern> patterns = language.importPatterns;
    for (int p = 0; p < patterns.size(); p++) {
      if (language == Language.GO && p == 1 && !inGoImports) {
        continue;
      }
      Matcher found = patterns.get(p).matcher(line);
      if (!found.find()) {
        continue;
      }
      switch (language) {
        case PYTHON ->
            pythonImports(
                p == 1 ? found.group(1) : null, p == 1 ? found.group(2) : found.group(1), summary);
        case RUST -> rustImports(found.group(1), p == 1, summary);
        case RUBY -> summary.addImport((found.group(1) != null ? "./" : "") + found.group(2));
        default -> {
          summary.addImport(found.group(1));
          while (found.find()) {
            summary.addImport(found.group(1));
          }
        }
      }
      return language != Language.JAVASCRIPT || line.stripLeading().startsWith("import");
    }
    return false;
  }

  private static void pythonImports(String from, String names, FileSummary.Builder summary) {
    String list = names.replace("(", " ").replace(")", " ").replace("\\", " ");
    if (from == null) {
      for (String part : list.split(",")) {
        String[] words = part.strip().split("\\s+");
        if (!words[0].isEmpty()) {
          summary.addImport(words[0]);
        }
      }
      return;
    }
    summary.addImport(from);
    for (String part : list.split(",")) {
      String[] words = part.strip().split("\\s+");
      if (!words[0].isEmpty() && !words[0].equals("*") && !words[0].startsWith("#")) {
        summary.addImport(from.endsWith(".") ? from + words[0] : from + "." + words[0]);
      }
    }
  }

  private static void rustImports(String path, boolean isMod, FileSummary.Builder summary) {
    if (isMod) {
      summary.addImport("mod " + path);
      return;
    }
    String flat = path.replaceAll("\\s+", "");
    int brace = flat.indexOf('{');
    if (brace < 0) {
      summary.addImport(flat);
      return;
    }
    String base = flat.substring(0, brace);
    summary.addImport(base.endsWith("::") ? base.substring(0, base.length() - 2) : base);
    for (String item : flat.substring(brace + 1).replace("}", "").split(",")) {
      if (!item.isEmpty() && !item.equals("self") && !item.startsWith("{")) {
        summary.addImport(base + item.split("as")[0]);
      }
    }
  }

  private static void definition(
      Language language, List<String> lines, int index, FileSummary.Builder summary) {
    String line = lines.get(index);
    Matcher first = FIRST_WORD.matcher(line);
    if (first.find() && STATEMENT_WORDS.contains(first.group(1))) {
      return;
    }
    for (Pattern pattern : language.definitionPatterns) {
      Matcher found = pattern.matcher(line);
      if (!found.find()) {
        continue;
      }
      String name = found.group(1);
      int colon = name.lastIndexOf("::");
      if (colon >= 0) {
        name = name.substring(colon + 2);
      }
      if (KEYWORDS.contains(name) || name.startsWith("#") && name.length() == 1) {
        return;
      }
      if (pattern.pattern().endsWith("\\(")) {
        // "x = f(" and "a == f(" are statements, not declarations.
        int paren = line.indexOf('(');
        int equals = line.indexOf('=');
        if (equals >= 0 && equals < paren) {
          return;
        }
      }
      int end = signatureEnd(lines, index);
      StringBuilder signature = new StringBuilder(line.strip());
      for (int next = index + 1; next <= end; next++) {
        signature.append('\n').append(lines.get(next).strip());
      }
      String text =
          signature.length() > MAX_SIGNATURE_CHARS
              ? signature.substring(0, MAX_SIGNATURE_CHARS)
              : signature.toString();
      String doc =
          language.docStyle == Language.DocStyle.DOCSTRING_AFTER
              ? docAfter(lines, end)
              : docBefore(lines, index);
      int indent = 0;
      while (indent < line.length() && Character.isWhitespace(line.charAt(indent))) {
        indent++;
      }
      summary.addDefinition(name, text, doc, index, indent);
      return;
    }
  }

  /** The last line of a signature: where its parentheses balance, a few lines at most. */
  private static int signatureEnd(List<String> lines, int index) {
    int depth = 0;
    for (int at = index; at < lines.size() && at < index + MAX_SIGNATURE_LINES; at++) {
      String line = lines.get(at);
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (ch == '(') {
          depth++;
        } else if (ch == ')') {
          depth--;
        }
      }
      if (depth <= 0) {
        return at;
      }
    }
    return index;
  }

  /**
   * The first line of the comment block (or {@code //} / {@code #} run) right above a definition.
   */
  static String docBefore(List<String> lines, int index) {
    int at = index - 1;
    while (at >= 0 && isAnnotation(lines.get(at).strip())) {
      at--;
    }
    if (at < 0) {
      return "";
    }
    String above = lines.get(at).strip();
    if (above.endsWith("*/")) {
      int start = at;
      while (start > 0 && start > at - 60 && !lines.get(start).contains("/*")) {
        start--;
      }
      for (int line = start; line <= at; line++) {
        String content = cleanComment(lines.get(line));
        if (!content.isEmpty() && !content.startsWith("@")) {
          return cap(content);
        }
      }
      return "";
    }
    if (above.startsWith("//")
        || above.startsWith("#")
            && !above.startsWith("#[")
            && !above.startsWith("#include")
            && !above.startsWith("#define")
            && !above.startsWith("#if")
            && !above.startsWith("#endif")) {
      int start = at;
      while (start > 0 && isLineComment(lines.get(start - 1).strip()) && start > at - 30) {
        start--;
      }
      for (int line = start; line <= at; line++) {
        String content = cleanComment(lines.get(line));
        if (!content.isEmpty()) {
          return cap(content);
        }
      }
    }
    return "";
  }

  private static boolean isLineComment(String line) {
    return line.startsWith("//")
        || line.startsWith("#") && !line.startsWith("#[") && !line.startsWith("#include");
  }

  private static boolean isAnnotation(String line) {
    return line.startsWith("@")
        || line.startsWith("#[")
        || line.startsWith("[") && line.endsWith("]");
  }

  private static String cleanComment(String line) {
    String content = line.strip();
    content = content.replaceFirst("^(/\\*\\*?|\\*+/?|///?!?|#+)", "").replaceFirst("\\*/$", "");
    return content.strip();
  }

  /** The first line of a Python docstring right after the signature. */
  static String docAfter(List<String> lines, int end) {
    if (end + 1 >= lines.size()) {
      return "";
    }
    String next = lines.get(end + 1).strip();
    String body = null;
    for (String quote : new String[] {"\"\"\"", "'''", "r\"\"\"", "r'''"}) {
      if (next.startsWith(quote)) {
        body = next.substring(quote.length());
        break;
      }
    }
    if (body == null) {
      return "";
    }
    body = body.replace("\"\"\"", "").replace("'''", "").strip();
    if (body.isEmpty() && end + 2 < lines.size()) {
      body = lines.get(end + 2).strip().replace("\"\"\"", "").replace("'''", "").strip();
    }
    return cap(body);
  }

  private static String cap(String doc) {
    return doc.length() > MAX_DOC_CHARS ? doc.substring(0, MAX_DOC_CHARS) : doc;
  }

  /** Names a receiver-less lookup should skip: language keywords the patterns can also produce. */
  static boolean isKeyword(String word) {
    return KEYWORDS.contains(word) || STATEMENT_WORDS.contains(word);
  }

  /** For tests: the definitions' names of a text, in order. */
  static List<String> names(Language language, String text) {
    FileSummary summary = scan(language, text);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < summary.definitionCount(); i++) {
      names.add(summary.name(i));
    }
    return names;
  }
}
