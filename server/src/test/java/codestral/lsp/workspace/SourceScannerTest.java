package codestral.lsp.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each language's definitions, imports and docs, on code shaped as real projects write it. */
class SourceScannerTest {
  @Test
  void pythonFunctionsClassesAndModuleConstantsWithTheirDocstrings() {
    String text =
        "from .util import clamp, lerp as mix\nimport os.path, json\n\nMAX_SIZE: int = 10\n\n"
            + "class Cache(Base):\n    \"\"\"A bounded cache.\"\"\"\n\n    async def get(self, key,\n            default=None):\n        return key\n"
            + "    if x == 1:\n        pass\n";
    FileSummary summary = SourceScanner.scan(Language.PYTHON, text);
    assertThat(SourceScanner.names(Language.PYTHON, text))
        .containsExactly("MAX_SIZE", "Cache", "get");
    assertThat(summary.definitions().get(1).doc()).isEqualTo("A bounded cache.");
    assertThat(summary.definitions().get(2).signature())
        .isEqualTo("async def get(self, key,\ndefault=None):");
    assertThat(summary.imports())
        .containsExactly(".util", ".util.clamp", ".util.lerp", "os.path", "json");
    // The indentation tells the class's members from what follows it.
    assertThat(summary.indent(1)).isZero();
    assertThat(summary.indent(2)).isEqualTo(4);
  }

  @Test
  void typescriptExportsClassMembersAndArrowProperties() {
    String text =
        "import { a } from './a';\nimport type { B } from \"../b\";\nconst fs = require('fs');\n\n"
            + "/** Formats a row. */\nexport function formatRow(row: Row): string {\n  return join(row);\n}\n"
            + "export interface Row { id: number }\nexport type Id = string;\nexport const LIMIT = 3;\n"
            + "export default class Table {\n  private readonly rows: Row[] = [];\n"
            + "  /** Adds one. */\n  add(row: Row): void {\n    this.rows.push(row);\n    render(row);\n  }\n"
            + "  remove = (id: Id) => {\n  };\n  if (x) {\n  }\n}\n";
    FileSummary summary = SourceScanner.scan(Language.JAVASCRIPT, text);
    assertThat(SourceScanner.names(Language.JAVASCRIPT, text))
        .containsExactly("fs", "formatRow", "Row", "Id", "LIMIT", "Table", "add", "remove");
    assertThat(summary.definitions().get(1).doc()).isEqualTo("Formats a row.");
    assertThat(summary.definitions().get(6).doc()).isEqualTo("Adds one.");
    assertThat(summary.imports()).containsExactly("./a", "../b", "fs");
  }

  @Test
  void javaTypesMethodsAndConstantsButNotCallsOrLocals() {
    String text =
        "package org.acme.text;\n\nimport java.util.List;\nimport static org.acme.Util.trim;\n\n"
            + "/**\n * Splits text.\n */\n@Deprecated\npublic final class Splitter<T> implements Foo {\n"
            + "  public static final int MAX_PARTS = 64;\n  private final List<String> parts = new ArrayList<>();\n"
            + "  /** Splits on commas. */\n  public static List<String> split(String text, char separator) {\n"
            + "    String part = text.trim();\n    return helper(part);\n  }\n  <R> R map(Function<T, R> f) throws IOException {\n"
            + "    if (x) { foo(); }\n    new Thread(() -> run());\n  }\n  record Pair(int a, int b) {}\n}\n";
    FileSummary summary = SourceScanner.scan(Language.JAVA, text);
    assertThat(SourceScanner.names(Language.JAVA, text))
        .containsExactly("Splitter", "MAX_PARTS", "split", "map", "Pair");
    assertThat(summary.packageName()).isEqualTo("org.acme.text");
    assertThat(summary.definitions().get(0).doc()).isEqualTo("Splits text.");
    assertThat(summary.definitions().get(2).doc()).isEqualTo("Splits on commas.");
    assertThat(summary.imports()).containsExactly("java.util.List", "org.acme.Util.trim");
  }

  @Test
  void kotlinGoRustAndCSharpDeclarations() {
    assertThat(
            SourceScanner.names(
                Language.KOTLIN,
                "package a.b\nimport x.y.Z\n/** Doc. */\nfun <T> List<T>.second(): T = this[1]\ndata class Point(val x: Int)\nobject Registry {\n    const val LIMIT = 3\n}\n"))
        .containsExactly("second", "Point", "Registry", "LIMIT");
    // okio's JvmOkio.kt: an extension property is named after its receiver's dot, not the
    // receiver (which would claim the JDK's AssertionError as the project's).
    assertThat(
            SourceScanner.names(
                Language.KOTLIN,
                "internal val AssertionError.isAndroidGetsocknameError: Boolean get() {\n}\nval <T> List<T>.penultimate: T\n    get() = this[size - 2]\n"))
        .containsExactly("isAndroidGetsocknameError", "penultimate");
    String go =
        "package geo\n\nimport (\n\t\"fmt\"\n\tm \"math\"\n)\n\n// Distance returns the length.\nfunc (p Point) Distance(q Point) float64 {\n\treturn 0\n}\n\ntype Point struct{ X, Y float64 }\nconst Pi = 3.14\n";
    FileSummary goSummary = SourceScanner.scan(Language.GO, go);
    assertThat(SourceScanner.names(Language.GO, go)).containsExactly("Distance", "Point", "Pi");
    assertThat(goSummary.imports()).containsExactly("fmt", "math");
    assertThat(goSummary.definitions().get(0).doc()).isEqualTo("Distance returns the length.");
    String rust =
        "use crate::geo::{Point, Line};\nmod util;\n/// Adds two.\npub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\npub struct Grid<T> {\n}\nimpl Grid {\n    pub(crate) const fn size(&self) -> usize { 0 }\n}\nmacro_rules! square { }\n";
    assertThat(SourceScanner.names(Language.RUST, rust))
        .containsExactly("add", "Grid", "size", "square");
    assertThat(SourceScanner.scan(Language.RUST, rust).imports())
        .containsExactly("crate::geo", "crate::geo::Point", "crate::geo::Line", "mod util");
    String csharp =
        "using System.Text;\nnamespace Acme.Text\n{\n    /// <summary>Joins.</summary>\n    public static class Joiner\n    {\n        public static string Join(IEnumerable<string> parts, char sep)\n        {\n            var s = Build(parts);\n            return s;\n        }\n        public int Count { get; }\n    }\n}\n";
    assertThat(SourceScanner.names(Language.CSHARP, csharp))
        .containsExactly("Joiner", "Join", "Count");
    assertThat(SourceScanner.scan(Language.CSHARP, csharp).packageName()).isEqualTo("Acme.Text");
  }

  @Test
  void cAndCppRubyAndPhpDeclarations() {
    String c =
        "#include \"geo/point.h\"\n#include <stdio.h>\n#define MAX_POINTS 16\n/* Adds points. */\nstatic inline int add_points(const point_t *a, int n)\n{\n    return helper(a);\n}\ntypedef struct point { int x; } point_t;\nclass Grid : public Base {\n  int Grid::size() const;\n};\n";
    assertThat(SourceScanner.names(Language.C_CPP, c))
        .containsExactly("MAX_POINTS", "add_points", "point", "Grid", "size");
    assertThat(SourceScanner.scan(Language.C_CPP, c).imports()).containsExactly("geo/point.h");
    String ruby =
        "require 'json'\nrequire_relative 'util/format'\n# A shape.\nclass Shapes::Circle < Shape\n  RADIUS = 1\n  def self.unit\n  end\n  def area?\n  end\nend\n";
    assertThat(SourceScanner.names(Language.RUBY, ruby))
        .containsExactly("Circle", "RADIUS", "unit", "area?");
    assertThat(SourceScanner.scan(Language.RUBY, ruby).imports())
        .containsExactly("json", "./util/format");
    String php =
        "<?php\nnamespace App\\Models;\nuse App\\Support\\Str;\nrequire_once __DIR__ . '/helpers.php';\nfinal class User extends Model {\n    const TABLE = 'users';\n    /** The name. */\n    public static function findByName(string $name): ?User {\n    }\n}\n";
    assertThat(SourceScanner.names(Language.PHP, php))
        .containsExactly("User", "TABLE", "findByName");
    assertThat(SourceScanner.scan(Language.PHP, php).imports())
        .containsExactly("App\\Support\\Str", "/helpers.php");
  }
}
