package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm packages (editors/npm/pack.sh: codestral-lsp and @codestral-lsp/linux-x64 carrying the
 * distribution) install from their tarballs into an empty prefix, and the installed {@code
 * codestral-lsp --version} runs where no Java is visible. Skipped, saying why, without the
 * distribution, npm or mount namespaces.
 */
class NpmPackageTest {
  @TempDir Path folder;

  @Test
  void thePackagesInstallIntoAnEmptyPrefixAndRunWithoutJava() throws Exception {
    Path dist = ServerProcess.jar().resolveSibling("dist");
    boolean built = Files.isDirectory(dist);
    if (built) {
      try (var files = Files.list(dist)) {
        built =
            files.anyMatch(
                file -> file.getFileName().toString().matches("codestral-lsp-.*-linux-x64"));
      }
    }
    if (!built) {
      EditorRun.skip("no linux-x64 distribution in " + dist + ": build it with -Pdist");
    }
    Path npm = EditorRun.requireOnPath("npm", "npm");
    Path node = EditorRun.requireOnPath("node", "Node.js");
    Path packed = folder.resolve("packed");
    Path script = EditorRun.repo().resolve("editors/npm/pack.sh");
    CommandRun pack =
        CommandRun.run(
            List.of("bash", script.toString(), "linux-x64", packed.toString()), Map.of());
    assertThat(pack.exitCode()).as(pack.stderr()).isZero();

    Path prefix = Files.createDirectories(folder.resolve("empty prefix"));
    CommandRun install =
        CommandRun.run(
            List.of(
                npm.toString(),
                "install",
                "-g",
                "--prefix",
                prefix.toString(),
                "--no-audit",
                "--no-fund",
                "--offline",
                packed.resolve("codestral-lsp-linux-x64-0.1.0.tgz").toString(),
                packed.resolve("codestral-lsp-0.1.0.tgz").toString()),
            Map.of());
    assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();

    String path = prefix.resolve("bin") + ":" + node.getParent() + ":/usr/bin:/bin";
    CommandRun version =
        CommandRun.run(
            List.of(
                "unshare",
                "-rm",
                "sh",
                "-c",
                "mount -t tmpfs none /usr/lib/jvm && exec \"$@\"",
                "sh",
                "sh",
                "-c",
                "! command -v java >/dev/null && exec codestral-lsp --version"),
            Map.of("PATH", path, "JAVA_HOME", ""));
    assertThat(version.exitCode()).as(version.stdout() + version.stderr()).isZero();
    assertThat(version.stdout()).startsWith("codestral-lsp ");
    assertThat(version.stderr()).as("the build's class-data archive is used").isEmpty();
  }
}
