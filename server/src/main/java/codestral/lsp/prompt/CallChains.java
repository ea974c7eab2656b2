package codestral.lsp.prompt;

import codestral.lsp.workspace.FileSummary;
import codestral.lsp.workspace.WorkspaceIndex;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a call's result before a member access ({@code new HashCodeBuilder().append(x).|},
 * {@code network.incidentNodes(edge).|}, {@code Measurement.get(c, o, r).|}, {@code getAdm(t).|}),
 * followed back through its receivers by the return types the index's signatures declare: a
 * constructor's class, a class named outright, a variable whose type the text declares, a cast
 * ({@code (x as Type).|}, {@code ((Type) x).|}). Nothing is inferred beyond what a signature line
 * says; a type variable ({@code T}) or a type the workspace does not define ends the chain.
 *
 * <p>Costs a backward scan of at most {@link #MAX_SCAN} characters and a few index lookups per
 * link.
 */
final class CallChains {
  private static final int MAX_SCAN = 2_000;
  private static final int MAX_LINKS = 4;

  /** How much of the end of the text a member access after a call can span ({@code )\n .}). */
  private static final int TAIL_CHARS = 200;

  /**
   * A member access being typed at the end of the text, after a call: {@code ).}, {@code )\n .get}.
   */
  private static final Pattern AFTER_CALL =
      Pattern.compile("\\)\\s*(?:\\.|::|->|\\?\\.)\\s*[\\w$]*$");

  private static final Pattern PYTHON_RETURN = Pattern.compile("->\\s*[\"']?([A-Za-z_][\\w.]*)");

  /** Words a parenthesized expression may follow with no space: not calls. */
  private static final Set<String> KEYWORDS =
      Set.of("return", "typeof", "await", "yield", "in", "not", "and", "or", "if", "while");

  private static final Pattern COLON_RETURN = Pattern.compile("\\)\\s*:\\s*([A-Z][\\w$]*)");

  /** The inside of a parenthesized cast: {@code x as Type<A>} or {@code (Type<A>) x}. */
  private static final Pattern CAST =
      Pattern.compile(
          "(?s).*\\bas\\s+([A-Z][\\w$]*)(?:<.*>)?\\s*|\\s*\\(\\s*([A-Z][\\w$]*)(?:<[^()]*>)?\\s*\\).+");

  private final WorkspaceIndex index;

  CallChains(WorkspaceIndex index) {
    this.index = index;
  }

  /**
   * The type of the call (or cast) whose result the text ends with a member access on, or null;
   * {@code currentFile} (its indexed path) declares the functions called bare.
   */
  String resultType(String before, String currentFile) {
    // Only the end can hold the access: the pattern is not tried at every ")" of the text.
    int tail = Math.max(0, before.length() - TAIL_CHARS);
    Matcher access = AFTER_CALL.matcher(before).region(tail, before.length());
    if (!access.find()) {
      return null;
    }
    return typeOf(before, access.start() + 1, 0, currentFile);
  }

  /**
   * The type of the expression that ends at {@code end}, or null when it is not knowable cheaply.
   */
  private String typeOf(String text, int end, int links, String currentFile) {
    int at = skipSpacesBack(text, end);
    if (at == 0 || links > MAX_LINKS) {
      return null;
    }
    if (text.charAt(at - 1) == ')') {
      int open = openingParenthesis(text, at - 1);
      if (open < 0) {
        return null;
      }
      int nameEnd = open;
      int nameStart = identifierStart(text, nameEnd);
      if (nameStart == nameEnd || KEYWORDS.contains(text.substring(nameStart, nameEnd))) {
        // A parenthesized cast: (x as Type).| in TypeScript, ((Type) x).| in Java.
        Matcher cast = CAST.matcher(text.substring(open + 1, at - 1));
        String type =
            cast.matches() ? (cast.group(1) != null ? cast.group(1) : cast.group(2)) : null;
        return type != null && defined(type) ? type : null;
      }
      String called = text.substring(nameStart, nameEnd);
      int beforeName = skipSpacesBack(text, nameStart);
      if (beforeName >= 3
          && text.startsWith("new", beforeName - 3)
          && identifierStart(text, beforeName) == beforeName - 3) {
        return called;
      }
      if (beforeName > 0 && text.charAt(beforeName - 1) == '.') {
        String owner = typeOf(text, beforeName - 1, links + 1, currentFile);
        return owner == null ? null : returnType(owner, called);
      }
      if (Character.isUpperCase(called.charAt(0))) {
        // A class called like a function (Python's, Kotlin's constructors).
        return defined(called) ? called : null;
      }
      // A function called bare: the current file's own, else the one the workspace defines.
      String own = returnTypeIn(currentFile, called);
      return own != null ? own : returnTypeIn(index.filesDefining(called), called);
    }
    int start = identifierStart(text, at);
    if (start == at) {
      return null;
    }
    String name = text.substring(start, at);
    int beforeName = skipSpacesBack(text, start);
    if (beforeName > 0 && text.charAt(beforeName - 1) == '.') {
      return null; // a field of something else: its type is not in sight
    }
    if (Character.isUpperCase(name.charAt(0)) && defined(name)) {
      return name; // a class named outright: a static call
    }
    String declared = WorkspaceContext.typeOf(name, text.substring(0, start));
    return declared != null && defined(declared) ? declared : null;
  }

  /**
   * The type a method of {@code owner} returns, as its first signature in the workspace declares
   * it.
   */
  private String returnType(String owner, String method) {
    return returnTypeIn(index.filesDefining(owner), method);
  }

  /**
   * The type the first of these files' definitions of {@code function} declares it returns, or
   * null.
   */
  private String returnTypeIn(List<String> files, String function) {
    for (int f = 0; f < Math.min(2, files.size()); f++) {
      String type = returnTypeIn(files.get(f), function);
      if (type != null) {
        return type;
      }
    }
    return null;
  }

  private String returnTypeIn(String file, String function) {
    FileSummary summary = index.indexedSummary(file).orElse(null);
    for (int i = 0; summary != null && i < summary.definitionCount(); i++) {
      if (summary.isNamed(i, function)) {
        String type = declaredReturn(summary.definition(i).signature(), function);
        if (type != null && defined(type)) {
          return type;
        }
      }
    }
    return null;
  }

  /**
   * The return type a signature declares: {@code -> Style}, {@code ): Observable<T>}, {@code public
   * Builder name(}.
   */
  static String declaredReturn(String signature, String method) {
    Matcher python = PYTHON_RETURN.matcher(signature);
    if (python.find()) {
      String type = python.group(1);
      return type.substring(type.lastIndexOf('.') + 1);
    }
    Matcher before =
        Pattern.compile(
                "([A-Z][\\w$]*)(?:<[^()]*?>)?(?:\\[\\])*\\s+" + Pattern.quote(method) + "\\s*[(<]")
            .matcher(signature);
    if (before.find()) {
      return before.group(1);
    }
    Matcher colon = COLON_RETURN.matcher(signature);
    return colon.find() ? colon.group(1) : null;
  }

  private boolean defined(String type) {
    return !index.filesDefining(type).isEmpty();
  }

  /** The index of the {@code (} that the {@code )} at {@code close} closes, or -1. */
  private static int openingParenthesis(String text, int close) {
    int depth = 0;
    for (int i = close; i >= Math.max(0, close - MAX_SCAN); i--) {
      char c = text.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpacesBack(String text, int end) {
    int at = end;
    while (at > 0 && Character.isWhitespace(text.charAt(at - 1))) {
      at--;
    }
    return at;
  }

  private static int identifierStart(String text, int end) {
    int start = end;
    while (start > 0 && Character.isJavaIdentifierPart(text.charAt(start - 1))) {
      start--;
    }
    return start;
  }
}
