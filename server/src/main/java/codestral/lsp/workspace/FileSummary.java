package codestral.lsp.workspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the index keeps of one file: its language, package (where the language has one), the modules
 * it imports as written, and its definitions. Definitions are packed into one string and an int
 * array (five ints each) rather than an object apiece: ten thousand files hold a few hundred
 * thousand definitions, and objects would cost several times the budget.
 *
 * <p>Immutable.
 */
public final class FileSummary {
  private static final int FIELDS = 6;

  private final Language language;
  private final String packageName;
  private final List<String> imports;

  /** Name, signature and doc of each definition, one after the other. */
  private final String packed;

  /**
   * Per definition: name start, signature start, doc start, end in {@link #packed}, line,
   * indentation.
   */
  private final int[] spans;

  /** One definition: a name, its signature line(s) as written, the first line of its doc or "". */
  public record Definition(String name, String signature, String doc, int line) {}

  private FileSummary(
      Language language, String packageName, List<String> imports, String packed, int[] spans) {
    this.language = language;
    this.packageName = packageName;
    this.imports = imports;
    this.packed = packed;
    this.spans = spans;
  }

  public Language language() {
    return language;
  }

  /**
   * The package, namespace or Go package name, or "" when the language has none or it is absent.
   */
  public String packageName() {
    return packageName;
  }

  /**
   * The imported modules as written ({@code a.b.c}, {@code ./util}, {@code "x.h"}), in file order.
   */
  public List<String> imports() {
    return imports;
  }

  public int definitionCount() {
    return spans.length / FIELDS;
  }

  public String name(int index) {
    int at = index * FIELDS;
    return packed.substring(spans[at], spans[at + 1]);
  }

  /** Whether the definition is named {@code name}, without copying its name out. */
  public boolean isNamed(int index, String name) {
    int at = index * FIELDS;
    return spans[at + 1] - spans[at] == name.length() && packed.startsWith(name, spans[at]);
  }

  /** The definition's line (0-based), without copying its text out. */
  public int line(int index) {
    return spans[index * FIELDS + 4];
  }

  public Definition definition(int index) {
    int at = index * FIELDS;
    return new Definition(
        packed.substring(spans[at], spans[at + 1]),
        packed.substring(spans[at + 1], spans[at + 2]),
        packed.substring(spans[at + 2], spans[at + 3]),
        spans[at + 4]);
  }

  /**
   * How far the definition's line is indented (in whitespace characters): within a file, the
   * definitions indented deeper than a class that follow it, up to the next one that is not, are
   * its members (Python has no braces to tell).
   */
  public int indent(int index) {
    return spans[index * FIELDS + 5];
  }

  /** Every definition, in file order. */
  public List<Definition> definitions() {
    List<Definition> all = new ArrayList<>(definitionCount());
    for (int i = 0; i < definitionCount(); i++) {
      all.add(definition(i));
    }
    return all;
  }

  /** The memory this summary holds, by estimate (object headers, arrays, Latin-1 strings). */
  long estimatedBytes() {
    long bytes = 64 + 40 + packed.length() + 16 + 4L * spans.length + 40;
    for (String module : imports) {
      bytes += 48 + module.length();
    }
    return bytes + packageName.length();
  }

  /** Builds a summary one definition at a time. */
  static final class Builder {
    private final Language language;
    private String packageName = "";
    private final List<String> imports = new ArrayList<>();
    private final StringBuilder packed = new StringBuilder();
    private int[] spans = new int[FIELDS * 8];
    private int count;

    Builder(Language language) {
      this.language = language;
    }

    void packageName(String name) {
      packageName = name;
    }

    boolean hasPackage() {
      return !packageName.isEmpty();
    }

    void addImport(String module) {
      if (!module.isBlank() && !imports.contains(module)) {
        imports.add(module.strip());
      }
    }

    void addDefinition(String name, String signature, String doc, int line, int indent) {
      if (spans.length < (count + 1) * FIELDS) {
        spans = Arrays.copyOf(spans, spans.length * 2);
      }
      int at = count * FIELDS;
      spans[at] = packed.length();
      packed.append(name);
      spans[at + 1] = packed.length();
      packed.append(signature);
      spans[at + 2] = packed.length();
      packed.append(doc);
      spans[at + 3] = packed.length();
      spans[at + 4] = line;
      spans[at + 5] = indent;
      count++;
    }

    int count() {
      return count;
    }

    FileSummary build() {
      return new FileSummary(
          language,
          packageName,
          List.copyOf(imports),
          packed.toString(),
          Arrays.copyOf(spans, count * FIELDS));
    }
  }
}
