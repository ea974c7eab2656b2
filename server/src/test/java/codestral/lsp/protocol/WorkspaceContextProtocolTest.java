package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace index over JSON-RPC in-process, on small projects on disk (Python, TypeScript,
 * Java, and Go, Rust, C, C#, Ruby, PHP and Kotlin together): a definition from a file that is not
 * open reaches the prompt through the import; a file changed on disk is read again; ignored,
 * sensitive, vendored and oversized files are never opened (the index logs each file it reads at
 * trace level, and the test reads that log).
 */
class WorkspaceContextProtocolTest {
  private static final String TOKEN = "codestral/workspaceIndex";
  private static final String SECRET = "sk-5e4d3c2b1a09f8e7d6c5b4a3928170f6";
  private static final Pattern READ = Pattern.compile("Workspace index reads (\\S+)");

  @TempDir Path root;
  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  private void write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private String uri(String relative) {
    return root.resolve(relative).toUri().toString();
  }

  /**
   * The server on the fake, logging at trace, initialized in the temporary workspace; waits for the
   * index.
   */
  private InProcessServer startIndexed() throws Exception {
    InProcessServer lsp = startInWorkspace(null);
    assertThat(lsp.client.awaitProgressEnd(TOKEN)).contains("files indexed");
    return lsp;
  }

  /**
   * The server on the fake, logging at trace, initialized in the temporary workspace with these
   * options.
   */
  private InProcessServer startInWorkspace(Object initializationOptions) throws Exception {
    InProcessServer lsp =
        InProcessServer.start(
            Map.of(
                "CODESTRAL_API_KEY",
                FakeCodestral.KEY,
                "CODESTRAL_ENDPOINT",
                fake.endpoint(),
                "CODESTRAL_LOG_LEVEL",
                "trace"));
    InitializeParams params = new InitializeParams();
    params.setProcessId((int) ProcessHandle.current().pid());
    ClientCapabilities capabilities = new ClientCapabilities();
    WindowClientCapabilities window = new WindowClientCapabilities();
    window.setWorkDoneProgress(true);
    capabilities.setWindow(window);
    WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
    workspace.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
    capabilities.setWorkspace(workspace);
    params.setCapabilities(capabilities);
    params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "project")));
    params.setInitializationOptions(initializationOptions);
    InProcessServer.await(lsp.server().initialize(params));
    lsp.server().initialized(new InitializedParams());
    return lsp;
  }

  /** The files the index opened, relative to the workspace, in order. */
  private List<String> filesRead(InProcessServer lsp) {
    Matcher found = READ.matcher(lsp.log());
    List<String> files = new java.util.ArrayList<>();
    while (found.find()) {
      files.add(root.relativize(Path.of(found.group(1))).toString().replace('\\', '/'));
    }
    return files;
  }

  @Test
  void pythonAFunctionOfAnImportedModuleThatIsNotOpenIsInThePrompt() throws Exception {
    write("pkg/__init__.py", "");
    write(
        "pkg/helpers.py",
        "import os\n\n\ndef zorblax_helper_7(count):\n    \"\"\"Counts the zorblaxes.\"\"\"\n    return count * 7\n");
    write("main.py", "from pkg import helpers\n\nresult = helpers.\n");
    write(".env", "API_TOKEN=" + SECRET + "\n");
    write("credentials.py", "def load_credentials():\n    return '" + SECRET + "'\n");
    write(".gitignore", "scratch/\n");
    write("scratch/notes.py", "def scratch_pad():\n    pass\n");
    write(".venv/lib/site.py", "def venv_thing():\n    pass\n");
    write("huge.py", "def huge():\n    pass\n" + "# filler\n".repeat(80_000));
    try (InProcessServer lsp = startIndexed()) {
      lsp.open(uri("main.py"), "python", "from pkg import helpers\n\nresult = helpers.\n");
      lsp.inline(uri("main.py"), 2, 17);

      FakeCodestral.Received request = fake.takeRequest();
      assertThat(request.prompt())
          .contains("# pkg/helpers.py\n# Counts the zorblaxes.\ndef zorblax_helper_7(count):\n")
          .endsWith("from pkg import helpers\n\nresult = helpers.")
          .doesNotContain("load_credentials", "scratch_pad", "venv_thing", "huge");
      assertThat(filesRead(lsp))
          .containsExactlyInAnyOrder("main.py", "pkg/__init__.py", "pkg/helpers.py");
      assertThat(lsp.log()).doesNotContain(SECRET);
      assertThat(lsp.client.registrations)
          .extracting(r -> r.getMethod())
          .contains("workspace/didChangeWatchedFiles");
    }
  }

  @Test
  void pythonAFileChangedOnDiskIsReadAgainAndItsNewDefinitionIsUsed() throws Exception {
    write("shapes.py", "def area_of_square(side):\n    return side * side\n");
    write("main.py", "import shapes\n\nprint(shapes.)\n");
    try (InProcessServer lsp = startIndexed()) {
      write("shapes.py", "def perimeter_of_hexagon(side):\n    return side * 6\n");
      lsp.server()
          .getWorkspaceService()
          .didChangeWatchedFiles(
              new DidChangeWatchedFilesParams(
                  List.of(new FileEvent(uri("shapes.py"), FileChangeType.Changed))));
      lsp.awaitLog("Workspace index re-read " + root.resolve("shapes.py"));
      lsp.open(uri("main.py"), "python", "import shapes\n\nprint(shapes.)\n");
      lsp.inline(uri("main.py"), 2, 13);

      String prompt = fake.takeRequest().prompt();
      assertThat(prompt)
          .contains("# shapes.py\ndef perimeter_of_hexagon(side):\n")
          .doesNotContain("area_of_square");
      assertThat(filesRead(lsp)).containsExactlyInAnyOrder("shapes.py", "main.py", "shapes.py");
    }
  }

  @Test
  void aSavedFileIsReadAgain() throws Exception {
    write("units.py", "def meters_to_feet(meters):\n    return meters * 3.28\n");
    write("main.py", "import units\n\nunits.\n");
    try (InProcessServer lsp = startIndexed()) {
      lsp.open(
          uri("units.py"), "python", "def meters_to_feet(meters):\n    return meters * 3.28\n");
      write("units.py", "def miles_to_km(miles):\n    return miles * 1.609\n");
      lsp.server()
          .getTextDocumentService()
          .didSave(
              new org.eclipse.lsp4j.DidSaveTextDocumentParams(
                  new org.eclipse.lsp4j.TextDocumentIdentifier(uri("units.py"))));
      lsp.awaitLog("Workspace index re-read " + root.resolve("units.py"));

      assertThat(filesRead(lsp)).containsExactlyInAnyOrder("units.py", "main.py", "units.py");
    }
  }

  @Test
  void typescriptAnExportedFunctionOfARelativeImportIsInThePrompt() throws Exception {
    write(
        "src/util/format.ts",
        "/** Pads a label to a width. */\nexport function padLabel(label: string, width: number): string {\n  return label.padEnd(width);\n}\n");
    write("src/app.ts", "");
    write("node_modules/left-pad/index.js", "function leftPad(s) { return s; }\n");
    write("dist/app.js", "function built() {}\n");
    String app = "import { padLabel } from './util/format';\n\nconst title = ";
    try (InProcessServer lsp = startIndexed()) {
      lsp.open(uri("src/app.ts"), "typescript", app + "\n");
      lsp.inline(uri("src/app.ts"), 2, 14);

      assertThat(fake.takeRequest().prompt())
          .contains(
              "// src/util/format.ts\n// Pads a label to a width.\nexport function padLabel(label: string, width: number): string {\n")
          .endsWith(app);
      assertThat(filesRead(lsp)).containsExactlyInAnyOrder("src/util/format.ts", "src/app.ts");
    }
  }

  @Test
  void javaAStaticMethodOfAnImportedClassIsInThePromptAfterItsReceiver() throws Exception {
    write(
        "src/main/java/com/acme/geo/Distances.java",
        "package com.acme.geo;\n\npublic final class Distances {\n  private Distances() {}\n\n"
            + "  /** Great-circle distance in kilometres. */\n"
            + "  public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {\n"
            + "    return 0;\n  }\n}\n");
    String main =
        "package com.acme.app;\n\nimport com.acme.geo.Distances;\n\nclass Main {\n  double run() {\n    return Distances.";
    write("src/main/java/com/acme/app/Main.java", main + "\n  }\n}\n");
    write("target/classes/Generated.java", "class Generated {}\n");
    try (InProcessServer lsp = startIndexed()) {
      lsp.open(uri("src/main/java/com/acme/app/Main.java"), "java", main + "\n  }\n}\n");
      lsp.inline(uri("src/main/java/com/acme/app/Main.java"), 6, 21);

      assertThat(fake.takeRequest().prompt())
          .contains(
              "// src/main/java/com/acme/geo/Distances.java\n",
              "// Great-circle distance in kilometres.\npublic static double haversineKm(double lat1, double lon1, double lat2, double lon2) {\n")
          .endsWith(main);
      assertThat(filesRead(lsp))
          .containsExactlyInAnyOrder(
              "src/main/java/com/acme/geo/Distances.java", "src/main/java/com/acme/app/Main.java");
    }
  }

  @Test
  void goRustCCSharpRubyPhpAndKotlinEachFindTheDefinitionInAnotherFileThatIsNotOpen()
      throws Exception {
    write(
        "geo/distance.go",
        "package geo\n\n// Haversine returns the distance in km.\nfunc Haversine(a, b Point) float64 {\n\treturn 0\n}\n");
    write(
        "rs/src/geometry.rs",
        "/// Area of a circle.\npub fn circle_area(r: f64) -> f64 {\n    3.14 * r * r\n}\n");
    write(
        "c/include/ring.h",
        "/* Pushes one byte. */\nint ring_push(struct ring *r, unsigned char byte);\n");
    write(
        "cs/Geo/Distance.cs",
        "namespace Acme.Geo\n{\n    public static class Distance\n    {\n        public static double Km(double meters)\n        {\n            return meters / 1000;\n        }\n    }\n}\n");
    write(
        "rb/lib/pricing.rb",
        "module Pricing\n  # Adds VAT.\n  def self.with_vat(amount)\n    amount * 1.2\n  end\nend\n");
    write(
        "php/src/Money.php",
        "<?php\nnamespace App;\n\nfinal class Money\n{\n    public static function fromCents(int $cents): self\n    {\n    }\n}\n");
    write(
        "kt/src/geo/Points.kt",
        "package geo\n\n/** The point halfway. */\nfun midpoint(a: Point, b: Point): Point = a\n");
    Map<String, String[]> cases = new java.util.LinkedHashMap<>();
    cases.put(
        "main.go",
        new String[] {
          "go",
          "package main\n\nimport \"example.com/app/geo\"\n\nfunc main() {\n\td := geo.",
          "// geo/distance.go\n// Haversine returns the distance in km.\nfunc Haversine(a, b Point) float64 {\n"
        });
    cases.put(
        "rs/src/main.rs",
        new String[] {
          "rust",
          "mod geometry;\n\nfn main() {\n    let area = ",
          "// rs/src/geometry.rs\n// Area of a circle.\npub fn circle_area(r: f64) -> f64 {\n"
        });
    cases.put(
        "c/src/main.c",
        new String[] {
          "c",
          "#include \"../include/ring.h\"\n\nint main(void) {\n    return ",
          "// c/include/ring.h\n// Pushes one byte.\nint ring_push(struct ring *r, unsigned char byte);\n"
        });
    cases.put(
        "cs/Program.cs",
        new String[] {
          "csharp",
          "using Acme.Geo;\n\nclass Program\n{\n    static void Main()\n    {\n        var km = Distance.",
          "// cs/Geo/Distance.cs\n",
          "public static double Km(double meters)\n"
        });
    cases.put(
        "rb/app.rb",
        new String[] {
          "ruby",
          "require_relative 'lib/pricing'\n\ntotal = Pricing.",
          "# rb/lib/pricing.rb\n",
          "# Adds VAT.\ndef self.with_vat(amount)\n"
        });
    cases.put(
        "php/index.php",
        new String[] {
          "php",
          "<?php\nuse App\\Money;\n\n$price = Money::",
          "// php/src/Money.php\n",
          "public static function fromCents(int $cents): self\n"
        });
    cases.put(
        "kt/src/App.kt",
        new String[] {
          "kotlin",
          "import geo.midpoint\n\nfun main() {\n    val middle = ",
          "// kt/src/geo/Points.kt\n// The point halfway.\nfun midpoint(a: Point, b: Point): Point = a\n"
        });
    for (String file : cases.keySet()) {
      write(file, "");
    }
    try (InProcessServer lsp = startIndexed()) {
      for (Map.Entry<String, String[]> entry : cases.entrySet()) {
        String[] test = entry.getValue();
        String text = test[1];
        lsp.open(uri(entry.getKey()), test[0], text);
        String[] lines = text.split("\n", -1);
        lsp.inline(uri(entry.getKey()), lines.length - 1, lines[lines.length - 1].length());

        String prompt = fake.takeRequest().prompt();
        assertThat(prompt).as(entry.getKey()).endsWith(text);
        for (int i = 2; i < test.length; i++) {
          assertThat(prompt).as(entry.getKey()).contains(test[i]);
        }
      }
    }
  }

  @Test
  void turnedOnAfterStartUpTheIndexIsBuiltAndTurnedOffItIsNoLongerUsed() throws Exception {
    write("shapes.py", "def perimeter_of_hexagon(side):\n    return side * 6\n");
    write("main.py", "import shapes\n\nprint(shapes.)\n");
    Map<String, Object> off = Map.of("codestral", Map.of("context", Map.of("workspace", false)));
    try (InProcessServer lsp = startInWorkspace(off)) {
      lsp.open(uri("main.py"), "python", "import shapes\n\nprint(shapes.)\n");
      lsp.inline(uri("main.py"), 2, 13);
      assertThat(fake.takeRequest().prompt()).doesNotContain("perimeter_of_hexagon");
      assertThat(filesRead(lsp)).isEmpty();

      lsp.server()
          .getWorkspaceService()
          .didChangeConfiguration(
              new DidChangeConfigurationParams(
                  Map.of("codestral", Map.of("context", Map.of("workspace", true)))));
      assertThat(lsp.client.awaitProgressEnd(TOKEN)).contains("files indexed");
      // Each request from another document: a prompt asked before would be answered from the cache.
      lsp.open(uri("second.py"), "python", "import shapes\n\nprint(shapes.)\n");
      lsp.inline(uri("second.py"), 2, 13);
      assertThat(fake.takeRequest().prompt())
          .contains("# shapes.py\ndef perimeter_of_hexagon(side):\n");
      assertThat(lsp.client.registrations)
          .extracting(r -> r.getMethod())
          .contains("workspace/didChangeWatchedFiles");

      lsp.server()
          .getWorkspaceService()
          .didChangeConfiguration(new DidChangeConfigurationParams(off));
      lsp.awaitLog("Workspace index emptied");
      lsp.open(uri("third.py"), "python", "import shapes\n\nprint(shapes.)\n");
      lsp.inline(uri("third.py"), 2, 13);
      assertThat(fake.takeRequest().prompt()).doesNotContain("perimeter_of_hexagon");
    }
  }
}
