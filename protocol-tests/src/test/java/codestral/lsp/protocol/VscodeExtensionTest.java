package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * editors/vscode builds: {@code npm test} compiles it with {@code tsc --strict} and runs its unit
 * tests under node's test runner, and {@code npm run package} makes the .vsix with @vscode/vsce.
 * Skipped when its npm dependencies are not installed ({@code npm ci}, done by
 * editors/ci/install.sh).
 */
class VscodeExtensionTest {

  @Test
  void theExtensionCompilesStrictlyPassesItsUnitTestsAndPackagesAsVsix() throws Exception {
    Path extension = EditorRun.repo().resolve("editors/vscode");
    EditorRun.require(
        extension.resolve("node_modules/.bin/vsce"),
        "the VS Code extension's npm dependencies (npm ci)");
    Path npm = EditorRun.requireOnPath("npm", "npm");

    EditorRun.Result test = EditorRun.run(List.of(npm.toString(), "test"), extension, Map.of());
    assertThat(test.exitCode()).as("npm test:\n%s", test.output()).isZero();
    assertThat(test.output()).containsPattern("# pass [1-9]").contains("# fail 0");

    Path vsix = extension.resolve("codestral-lsp.vsix");
    Files.deleteIfExists(vsix);
    EditorRun.Result pack =
        EditorRun.run(List.of(npm.toString(), "run", "package"), extension, Map.of());
    assertThat(pack.exitCode()).as("npm run package:\n%s", pack.output()).isZero();
    // One file bundled by esbuild, as VS Code asks, instead of tsc's output and node_modules.
    assertThat(entries(vsix))
        .contains("extension/package.json", "extension/dist/extension.js")
        .noneMatch(
            name ->
                name.startsWith("extension/node_modules/") || name.startsWith("extension/out/"));
  }

  private static Set<String> entries(Path zip) throws Exception {
    Set<String> names = new HashSet<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
