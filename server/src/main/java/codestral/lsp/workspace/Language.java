package codestral.lsp.workspace;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The source languages the index understands, by file extension, with the line patterns that find
 * their definitions, imports and package. Line scanners rather than a parser library: tree-sitter's
 * Java bindings need a native library per platform and per grammar (ten grammars here), which the
 * single portable jar cannot carry; a definition's signature is nearly always one line that a
 * pattern finds, and a miss costs one snippet, not a wrong answer.
 */
public enum Language {
  PYTHON(
      List.of("py", "pyi"),
      DocStyle.DOCSTRING_AFTER,
      null,
      List.of(
          "^\\s*(?:async\\s+)?def\\s+(\\w+)",
          "^\\s*class\\s+(\\w+)",
          "^([A-Za-z_]\\w*)\\s*(?::[^=]+)?=(?!=)"),
      List.of("^\\s*import\\s+(.+)", "^\\s*from\\s+(\\S+)\\s+import\\s+(.+)")),
  JAVASCRIPT(
      List.of("js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"),
      DocStyle.COMMENT_BEFORE,
      null,
      List.of(
          "^\\s*(?:export\\s+)?(?:default\\s+)?(?:declare\\s+)?(?:async\\s+)?function\\s*\\*?\\s*(\\w+)",
          "^\\s*(?:export\\s+)?(?:default\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(?:class|interface|enum|namespace)\\s+(\\w+)",
          "^\\s*(?:export\\s+)?(?:declare\\s+)?type\\s+(\\w+)",
          "^(?:export\\s+)?(?:declare\\s+)?(?:const|let|var)\\s+(\\w+)",
          "^\\s+(?:(?:public|private|protected|static|readonly|abstract|override|declare)\\s+)*(#?\\w+)\\s*[?!]?\\s*(?::[^=]+)?=\\s*(?:async\\s+)?(?:\\([^)]*\\)|\\w+)\\s*(?::[^=]+)?=>",
          "^\\s+(?:(?:public|private|protected|static|readonly|abstract|async|override|get|set|declare)\\s+)*\\*?(#?\\w+)\\s*[?!]?\\s*(?:<[^>]*>)?\\s*\\((?:.*\\)\\s*(?::\\s*[^={]+)?\\s*\\{\\s*$|.*\\)\\s*:\\s*[^=]+;\\s*$|[^)]*$)"),
      List.of(
          "(?:import|export)\\s[^'\"]*?from\\s*['\"]([^'\"]+)['\"]",
          "^\\s*import\\s*['\"]([^'\"]+)['\"]",
          "require\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)")),
  JAVA(
      List.of("java"),
      DocStyle.COMMENT_BEFORE,
      "^\\s*package\\s+([\\w.]+)",
      List.of(
          "^\\s*(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
          "^\\s*(?:(?:public|protected|private|static|final|abstract|synchronized|native|default|strictfp)\\s+)*(?:<[^>]*>\\s+)?[\\w.$]+(?:<[^()=]*>)?(?:\\[\\])*\\s+(\\w+)\\s*\\(",
          "^\\s*(?:(?:public|protected|private|static|final)\\s+)+[\\w.<>\\[\\],?]+\\s+([A-Z][A-Z0-9_]*)\\s*="),
      List.of("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;")),
  KOTLIN(
      List.of("kt", "kts"),
      DocStyle.COMMENT_BEFORE,
      "^\\s*package\\s+([\\w.]+)",
      List.of(
          "^\\s*(?:(?:public|private|protected|internal|open|abstract|override|suspend|inline|operator|infix|tailrec|external|actual|expect)\\s+)*fun\\s+(?:<[^>]*>\\s*)?(?:[\\w.<>?]+\\.)?(\\w+)\\s*\\(",
          "^\\s*(?:(?:public|private|protected|internal|open|abstract|data|sealed|enum|annotation|inner|value|actual|expect|fun)\\s+)*(?:class|interface|object|typealias)\\s+(\\w+)",
          "^\\s{0,4}(?:(?:public|private|protected|internal|override|const|lateinit|open)\\s+)*(?:val|var)\\s+(?:<[^>]*>\\s*)?(?:[\\w.<>?]+\\.)?(\\w+)"),
      List.of("^\\s*import\\s+([\\w.]+(?:\\.\\*)?)")),
  GO(
      List.of("go"),
      DocStyle.COMMENT_BEFORE,
      "^package\\s+(\\w+)",
      List.of("^func\\s+(?:\\([^)]*\\)\\s*)?(\\w+)", "^type\\s+(\\w+)", "^(?:const|var)\\s+(\\w+)"),
      List.of("^import\\s+(?:[\\w.]+\\s+)?\"([^\"]+)\"", "^\\s+(?:[\\w.]+\\s+)?\"([^\"]+)\"\\s*$")),
  RUST(
      List.of("rs"),
      DocStyle.COMMENT_BEFORE,
      null,
      List.of(
          "^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?(?:(?:async|const|unsafe|extern\\s+\"[^\"]*\")\\s+)*fn\\s+(\\w+)",
          "^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?(?:struct|enum|trait|type|union)\\s+(\\w+)",
          "^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?(?:const|static)\\s+(?:mut\\s+)?(\\w+)\\s*:",
          "^\\s*macro_rules!\\s*(\\w+)"),
      List.of(
          "^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?use\\s+([^;]+);",
          "^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?mod\\s+(\\w+)\\s*;")),
  C_CPP(
      List.of("c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "inl"),
      DocStyle.COMMENT_BEFORE,
      null,
      List.of(
          "^\\s*(?:typedef\\s+)?(?:struct|class|union|enum(?:\\s+class)?)\\s+(?:\\w+_API\\s+)?(\\w+)\\s*(?:[:{]|final|$)",
          "^\\s*#\\s*define\\s+(\\w+)",
          "^typedef\\s+[^;(]*?(\\w+)\\s*;",
          "^\\s{0,4}(?:template\\s*<[^>]*>\\s*)?(?:(?:static|inline|extern|virtual|constexpr|explicit|const|unsigned|signed|friend)\\s+)*[\\w:<>,]+[\\s*&]+[*&]?((?:\\w+::)*~?\\w+)\\s*\\("),
      List.of("^\\s*#\\s*include\\s*\"([^\"]+)\"")),
  CSHARP(
      List.of("cs"),
      DocStyle.COMMENT_BEFORE,
      "^\\s*namespace\\s+([\\w.]+)",
      List.of(
          "^\\s*(?:(?:public|protected|private|internal|static|sealed|abstract|partial|readonly|unsafe|new|file)\\s+)*(?:class|interface|struct|enum|record|delegate\\s+[\\w<>\\[\\],.?]+)\\s+(\\w+)",
          "^\\s*(?:(?:public|protected|private|internal|static|virtual|override|abstract|sealed|async|extern|unsafe|new|partial)\\s+)*(?:<[^>]*>\\s+)?[\\w.]+(?:<[^()=]*>)?(?:\\[\\])*\\??\\s+(\\w+)\\s*(?:<[^>]*>)?\\s*\\(",
          "^\\s*(?:(?:public|protected|internal|static|virtual|override|abstract)\\s+)+(?:const\\s+)?[\\w.<>\\[\\],?]+\\s+(\\w+)\\s*(?:\\{|=>|=)"),
      List.of("^\\s*using\\s+(?:static\\s+)?([\\w.]+)\\s*;")),
  RUBY(
      List.of("rb", "rake"),
      DocStyle.COMMENT_BEFORE,
      null,
      List.of(
          "^\\s*def\\s+(?:self\\.)?(\\w+[?!=]?)",
          "^\\s*(?:class|module)\\s+(?:\\w+::)*(\\w+)",
          "^\\s*([A-Z][A-Z0-9_]*)\\s*="),
      List.of("^\\s*require(_relative)?\\s*\\(?\\s*['\"]([^'\"]+)['\"]")),
  PHP(
      List.of("php"),
      DocStyle.COMMENT_BEFORE,
      "^\\s*namespace\\s+([\\w\\\\]+)",
      List.of(
          "^\\s*(?:(?:public|private|protected|static|abstract|final)\\s+)*function\\s+&?(\\w+)",
          "^\\s*(?:(?:abstract|final|readonly)\\s+)*(?:class|interface|trait|enum)\\s+(\\w+)",
          "^\\s*(?:(?:public|private|protected|final)\\s+)*const\\s+(\\w+)"),
      List.of(
          "^\\s*use\\s+([\\w\\\\]+)",
          "(?:require|include)(?:_once)?\\s*\\(?\\s*(?:__DIR__\\s*\\.\\s*)?['\"]([^'\"]+)['\"]"));

  /** Where a definition's doc comment sits. */
  enum DocStyle {
    COMMENT_BEFORE,
    DOCSTRING_AFTER
  }

  final List<String> extensions;
  final DocStyle docStyle;
  final Pattern packagePattern;
  final List<Pattern> definitionPatterns;
  final List<Pattern> importPatterns;

  Language(
      List<String> extensions,
      DocStyle docStyle,
      String packagePattern,
      List<String> definitions,
      List<String> imports) {
    this.extensions = extensions;
    this.docStyle = docStyle;
    this.packagePattern = packagePattern == null ? null : Pattern.compile(packagePattern);
    this.definitionPatterns = definitions.stream().map(Pattern::compile).toList();
    this.importPatterns = imports.stream().map(Pattern::compile).toList();
  }

  /** The language of a file by its name, or null when the index does not read such files. */
  public static Language ofFileName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (Language language : values()) {
      if (language.extensions.contains(extension)) {
        return language;
      }
    }
    return null;
  }
}
