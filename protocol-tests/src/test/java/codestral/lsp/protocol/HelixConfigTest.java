package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * editors/helix/languages.toml, read as TOML by Python's tomllib (no Helix package reaches this
 * machine): it declares the server as `codestral-lsp` found on PATH (the release, npm or mason
 * install) and adds it to every language next to that language's own servers. Skipped without
 * Python >= 3.11.
 */
class HelixConfigTest {
  @TempDir Path dir;

  @Test
  void theFragmentParsesAndAddsCodestralToEveryLanguageWithTheCommandOnPath() throws Exception {
    JsonNode summary = check(EditorRun.repo().resolve("editors/helix/languages.toml"), 0);

    assertThat(summary.path("command").asText()).isEqualTo("codestral-lsp");
    assertThat(summary.path("args")).isEmpty();
    List<String> languages = new ArrayList<>();
    summary.path("languages").forEach(name -> languages.add(name.asText()));
    assertThat(languages)
        .contains("python", "rust", "go", "java", "javascript", "typescript", "c", "cpp");
    assertThat(summary.path("problems")).isEmpty();
  }

  @Test
  void theCheckerRejectsALanguageThatLostCodestral() throws Exception {
    String fragment = Files.readString(EditorRun.repo().resolve("editors/helix/languages.toml"));
    Path broken = dir.resolve("languages.toml");
    Files.writeString(
        broken,
        fragment.replace(
            "language-servers = [\"jdtls\", { name = \"codestral\", only-features = [\"completion\"] }]",
            "language-servers = [\"jdtls\"]"));

    JsonNode summary = check(broken, 1);

    assertThat(summary.path("problems").toString()).contains("java: codestral must be listed once");
  }

  private JsonNode check(Path toml, int expectedExit) throws Exception {
    Path python =
        Files.isExecutable(Path.of("/usr/bin/python3"))
            ? Path.of("/usr/bin/python3")
            : EditorRun.requireOnPath("python3", "Python 3.11+");
    EditorRun.Result probe =
        EditorRun.run(List.of(python.toString(), "-c", "import tomllib"), dir, Map.of());
    if (probe.exitCode() != 0) {
      EditorRun.skip("Python with tomllib (3.11+) is needed to read TOML: " + probe.output());
    }
    Path out = dir.resolve("summary.json");
    EditorRun.Result run =
        EditorRun.run(
            List.of(
                "sh",
                "-c",
                "\"$0\" \"$1\" \"$2\" > \"$3\"",
                python.toString(),
                EditorRun.repo().resolve("editors/helix/test/check_languages.py").toString(),
                toml.toString(),
                out.toString()),
            dir,
            Map.of());
    assertThat(run.exitCode()).as("check_languages.py: %s", run.output()).isEqualTo(expectedExit);
    return new ObjectMapper().readTree(Files.readString(out));
  }
}
