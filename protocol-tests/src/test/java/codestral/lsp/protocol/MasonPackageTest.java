package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * editors/mason/package.yaml, read as mason reads it: one asset per platform that the release
 * workflow builds, each naming the file the release attaches and the launcher inside it; the host's
 * distribution, unpacked, has that launcher where the entry says.
 */
class MasonPackageTest {
  /** Mason's target names for the release workflow's platforms. */
  private static final Map<String, String> TARGETS =
      Map.of(
          "linux-x64", "linux_x64_gnu",
          "linux-arm64", "linux_arm64_gnu",
          "macos-x64", "darwin_x64",
          "macos-arm64", "darwin_arm64",
          "windows-x64", "win_x64");

  private static final String VERSION_TEMPLATE = "{{ version | strip_prefix \"v\" }}";

  @TempDir Path folder;

  @Test
  void everyReleasedPlatformHasAnAssetNamingItsArchiveAndLauncher() throws IOException {
    Map<String, Object> entry = yaml("editors/mason/package.yaml");
    List<String> platforms = releasedPlatforms();
    assertThat(platforms).isNotEmpty();

    Map<String, Map<String, Object>> assets = new TreeMap<>();
    for (Map<String, Object> asset : list(map(entry.get("source")).get("asset"))) {
      assets.put((String) asset.get("target"), asset);
    }
    List<String> expectedTargets = new ArrayList<>();
    for (String platform : platforms) {
      String target = TARGETS.get(platform);
      assertThat(target).as("a mason target for the released platform %s", platform).isNotNull();
      expectedTargets.add(target);
      Map<String, Object> asset = assets.get(target);
      assertThat(asset).as("an asset for %s", platform).isNotNull();
      boolean windows = platform.startsWith("windows");
      String folder = "codestral-lsp-" + VERSION_TEMPLATE + "-" + platform;
      assertThat(asset.get("file")).isEqualTo(folder + (windows ? ".zip" : ".tar.gz"));
      assertThat(asset.get("bin"))
          .isEqualTo(folder + "/bin/codestral-lsp" + (windows ? ".cmd" : ""));
    }
    assertThat(assets.keySet()).containsExactlyInAnyOrderElementsOf(expectedTargets);
    assertThat(map(entry.get("bin"))).containsEntry("codestral-lsp", "{{source.asset.bin}}");
    assertThat(Files.readString(EditorRun.repo().resolve(".github/workflows/release.yml")))
        .as("the release names its files by the tag's version, as the entry does")
        .contains("versions:set -DnewVersion=\"$version\"");
  }

  @Test
  void theHostsDistributionHasTheLauncherWhereTheEntrySays() throws Exception {
    Path tarball = EditorRun.hostTarball();
    Matcher name =
        Pattern.compile("codestral-lsp-(.+)-linux-x64\\.tar\\.gz")
            .matcher(tarball.getFileName().toString());
    assertThat(name.matches()).isTrue();
    String version = name.group(1);
    Map<String, Object> entry = yaml("editors/mason/package.yaml");
    // The release workflow builds a tag's version (0.1.0) from the POM's 0.1.0-SNAPSHOT.
    String released = version.replace("-SNAPSHOT", "");
    assertThat(map(entry.get("source")).get("id"))
        .isEqualTo("pkg:github/codestral-lsp/codestral-lsp@v" + released);

    Map<String, Object> asset =
        list(map(entry.get("source")).get("asset")).stream()
            .filter(candidate -> "linux_x64_gnu".equals(candidate.get("target")))
            .findFirst()
            .orElseThrow();
    assertThat(((String) asset.get("file")).replace(VERSION_TEMPLATE, version))
        .isEqualTo(tarball.getFileName().toString());
    CommandRun untar =
        CommandRun.run(
            List.of("tar", "-xzf", tarball.toString(), "-C", folder.toString()), Map.of());
    assertThat(untar.exitCode()).as(untar.stderr()).isZero();
    Path launcher = folder.resolve(((String) asset.get("bin")).replace(VERSION_TEMPLATE, version));
    assertThat(launcher).isExecutable();
    CommandRun run = CommandRun.run(List.of(launcher.toString(), "--version"), Map.of());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).startsWith("codestral-lsp " + version);
  }

  /** The {@code platform} of each entry of the release workflow's build matrix. */
  private static List<String> releasedPlatforms() throws IOException {
    Map<String, Object> workflow = yaml(".github/workflows/release.yml");
    List<String> platforms = new ArrayList<>();
    for (Object job : map(workflow.get("jobs")).values()) {
      Object strategy = map(job).get("strategy");
      if (strategy != null) {
        for (Map<String, Object> include : list(map(map(strategy).get("matrix")).get("include"))) {
          platforms.add((String) include.get("platform"));
        }
      }
    }
    return platforms;
  }

  private static Map<String, Object> yaml(String path) throws IOException {
    try (Reader reader = Files.newBufferedReader(EditorRun.repo().resolve(path))) {
      return new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
