package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.InlineCompletionList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained distribution ({@code mvn -pl server package -Pdist}) unpacked and run where no
 * Java is visible: in a mount namespace ({@code unshare}) with a tmpfs over /usr/lib/jvm, no
 * JAVA_HOME, and a PATH of the system's folders only. Skipped, saying why, when the distribution
 * was not built or namespaces are not allowed.
 */
class DistributionTest {
  private static final String HIDE_JAVA = "mount -t tmpfs none /usr/lib/jvm && exec \"$@\"";

  @TempDir Path folder;
  private FakeCodestral fake;
  private Path launcher;

  @BeforeEach
  void unpack() throws Exception {
    Path tarball = EditorRun.hostTarball();
    if (!Files.isDirectory(Path.of("/usr/lib/jvm")) || !canHideJava()) {
      EditorRun.skip("cannot hide /usr/lib/jvm in a mount namespace here (unshare -rm)");
    }
    CommandRun untar =
        CommandRun.run(
            List.of("tar", "-xzf", tarball.toString(), "-C", folder.toString()), Map.of());
    assertThat(untar.exitCode()).as(untar.stderr()).isZero();
    String name = tarball.getFileName().toString().replace(".tar.gz", "");
    launcher = folder.resolve(name).resolve("bin/codestral-lsp");
    fake = new FakeCodestral();
  }

  @AfterEach
  void stopFake() throws IOException {
    if (fake != null) {
      fake.close();
    }
  }

  private boolean canHideJava() throws Exception {
    return CommandRun.run(withoutJava(List.of("true")), noJavaEnvironment(Map.of())).exitCode()
        == 0;
  }

  /** {@code command} in a namespace where /usr/lib/jvm is an empty tmpfs. */
  private static List<String> withoutJava(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("unshare", "-rm", "sh", "-c", HIDE_JAVA, "sh"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static Map<String, String> noJavaEnvironment(Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>(extra);
    environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    environment.put("JAVA_HOME", "");
    return environment;
  }

  @Test
  void noJavaIsVisibleWhereTheDistributionRuns() throws Exception {
    CommandRun run =
        CommandRun.run(
            withoutJava(List.of("sh", "-c", "java -version")), noJavaEnvironment(Map.of()));

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isNotZero();
  }

  @Test
  void versionRunsOnTheBundledRuntimeWithTheBuildsClassDataArchive() throws Exception {
    // -Xshare:on: the JVM refuses to start unless it maps the archive (the launcher names the
    // build's) and the runtime's own.
    CommandRun run =
        CommandRun.run(
            withoutJava(List.of(launcher.toString(), "--version")),
            noJavaEnvironment(Map.of("CODESTRAL_LSP_JAVA_OPTS", "-Xshare:on")));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).startsWith("codestral-lsp ").contains("Java ");
    assertThat(run.stderr()).isEmpty();
  }

  /** npm and some unzip tools give the jar the time of unpacking; the archive needs the build's. */
  @Test
  void theArchiveStillMapsAfterTheJarsTimeChanged() throws Exception {
    Path jar = launcher.getParent().resolveSibling("lib").resolve("codestral-lsp.jar");
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));

    for (int run = 0; run < 2; run++) {
      CommandRun version =
          CommandRun.run(
              withoutJava(List.of(launcher.toString(), "--version")),
              noJavaEnvironment(Map.of("CODESTRAL_LSP_JAVA_OPTS", "-Xshare:on")));
      assertThat(version.exitCode()).as(version.stderr()).isZero();
      assertThat(version.stderr()).isEmpty();
    }
  }

  @Test
  void checkPassesAgainstTheFake() throws Exception {
    CommandRun run =
        CommandRun.run(
            withoutJava(List.of(launcher.toString(), "check")),
            noJavaEnvironment(
                Map.of(
                    "CODESTRAL_API_KEY",
                    FakeCodestral.KEY,
                    "CODESTRAL_ENDPOINT",
                    fake.endpoint())));

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("All checks passed.");
  }

  @Test
  void anEditorSessionGetsAnInlineCompletion() throws Exception {
    fake.enqueueCompletion("a + b");
    Map<String, String> environment =
        noJavaEnvironment(
            Map.of("CODESTRAL_API_KEY", FakeCodestral.KEY, "CODESTRAL_ENDPOINT", fake.endpoint()));
    try (ServerProcess lsp =
        ServerProcess.startCommand(withoutJava(List.of(launcher.toString())), environment)) {
      assertThat(lsp.initialize().getServerInfo().getName()).isEqualTo("codestral-lsp");
      lsp.open("file:///work/add.py", "python", "def add(a, b):\n    return \n");

      InlineCompletionList list = lsp.inline("file:///work/add.py", 1, 11);

      assertThat(list.getItems())
          .singleElement()
          .satisfies(
              item -> assertThat(item.getInsertText().getLeft()).isEqualTo("    return a + b"));
      assertThat(fake.takeRequest().path()).isEqualTo("/v1/fim/completions");
    }
  }
}
