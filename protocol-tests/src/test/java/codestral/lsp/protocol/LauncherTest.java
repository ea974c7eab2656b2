package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script next to the jar ({@code server/target/codestral-lsp}), run with sh. */
class LauncherTest {
  @TempDir Path folder;

  static Path launcher() {
    return ServerProcess.jar().resolveSibling("codestral-lsp");
  }

  @BeforeAll
  static void needsSh() {
    assumeTrue(
        Files.isExecutable(Path.of("/bin/sh")) || Files.isExecutable(Path.of("/usr/bin/sh")),
        "no sh on this machine");
  }

  @Test
  void theLauncherIsInstalledNextToTheJarAndExecutable() {
    assertThat(launcher()).exists();
    assertThat(Files.isExecutable(launcher())).isTrue();
  }

  @Test
  void theServerStartedThroughTheLauncherAnswersInitializeAndExitsCleanly() throws Exception {
    assertThat(session(launcher())).isZero();
  }

  @Test
  void theFirstSessionRecordsAClassDataArchiveThatTheNextOneUses() throws Exception {
    assertTheFirstSessionRecordsAnArchiveThatTheNextOneUses(
        System.getProperty("java.home"), ".jsa");
  }

  /** Java 25 and newer get an AOT cache instead; tested where such a Java is installed. */
  @Test
  void onJava25TheFirstSessionRecordsAnAotCacheThatTheNextOneUses() throws Exception {
    String java25 =
        System.getenv()
            .getOrDefault("CODESTRAL_TEST_JAVA25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
    assumeTrue(Files.isExecutable(Path.of(java25, "bin", "java")), "no Java 25 at " + java25);
    assertTheFirstSessionRecordsAnArchiveThatTheNextOneUses(java25, ".aot");
  }

  private void assertTheFirstSessionRecordsAnArchiveThatTheNextOneUses(
      String javaHome, String suffix) throws Exception {
    Path installed = Files.createDirectories(folder.resolve("fresh install"));
    Files.copy(ServerProcess.jar(), installed.resolve("codestral-lsp.jar"));
    Path launcher = Files.copy(launcher(), installed.resolve("codestral-lsp"));

    assertThat(session(launcher, javaHome)).isZero();
    try (var files = Files.list(installed)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .filteredOn(name -> name.startsWith("codestral-lsp-java"))
          .as("one complete archive, no half-written one")
          .singleElement()
          .matches(name -> name.endsWith(suffix));
    }
    assertThat(session(launcher, javaHome)).isZero();
  }

  @Test
  void aUsageErrorWritesNoArchive() throws Exception {
    Path installed = freshInstall();

    CommandRun run =
        CommandRun.run(
            List.of("sh", installed.resolve("codestral-lsp").toString(), "--bogus"),
            Map.of("JAVA_HOME", System.getProperty("java.home")));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("--bogus");
    assertThat(archives(installed)).isEmpty();
  }

  /**
   * A server-mode command line that still fails at once: the JVM's archive of it is too small to
   * keep.
   */
  @Test
  void anArchiveOfARunThatEndedBeforeTheServerLoadedIsNotKept() throws Exception {
    Path installed = freshInstall();

    CommandRun run =
        CommandRun.run(
            List.of("sh", installed.resolve("codestral-lsp").toString(), "--log-level", "loud"),
            Map.of("JAVA_HOME", System.getProperty("java.home")));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(archives(installed)).isEmpty();
    assertThat(session(installed.resolve("codestral-lsp"))).isZero();
    assertThat(archives(installed)).singleElement().matches(name -> name.endsWith(".jsa"));
  }

  private Path freshInstall() throws IOException {
    Path installed = Files.createDirectories(folder.resolve("install " + System.nanoTime()));
    Files.copy(ServerProcess.jar(), installed.resolve("codestral-lsp.jar"));
    Files.copy(launcher(), installed.resolve("codestral-lsp"));
    return installed;
  }

  private static List<String> archives(Path installed) throws IOException {
    try (var files = Files.list(installed)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.startsWith("codestral-lsp-java"))
          .toList();
    }
  }

  /** One editor session through the launcher: initialize, shutdown, exit; the exit code. */
  private int session(Path launcher) throws Exception {
    return session(launcher, System.getProperty("java.home"));
  }

  private int session(Path launcher, String javaHome) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", launcher.toString());
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("CODESTRAL_") || name.startsWith("MISTRAL_"));
    builder.environment().put("JAVA_HOME", javaHome);
    Path stderr = Files.createTempFile(folder, "stderr", ".txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    try {
      Launcher<LanguageServer> client =
          LSPLauncher.createClientLauncher(
              new RecordingClient(), process.getInputStream(), process.getOutputStream());
      client.startListening();
      LanguageServer server = client.getRemoteProxy();
      InitializeParams params = new InitializeParams();
      params.setProcessId((int) ProcessHandle.current().pid());
      InitializeResult result = ServerProcess.await(server.initialize(params));
      assertThat(result.getServerInfo().getName()).isEqualTo("codestral-lsp");

      ServerProcess.await(server.shutdown());
      server.exit();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      // The JVM's own warnings (a refused archive, say) would be a launcher bug.
      assertThat(Files.readString(stderr)).doesNotContain("[warning]", "[error]");
      return process.exitValue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void withoutJavaTheLauncherSaysWhatToInstallOnStderrOnly() throws Exception {
    CommandRun run =
        CommandRun.run(
            List.of("sh", launcher().toString()),
            Map.of("JAVA_HOME", "", "PATH", toolsWithoutJava()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("no Java found", "install Java 17 or newer");
  }

  @Test
  void anOldJavaIsRefusedWithItsVersion() throws Exception {
    Path home = folder.resolve("old java");
    Files.createDirectories(home.resolve("bin"));
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

    CommandRun run =
        CommandRun.run(
            List.of("sh", launcher().toString(), "--version"),
            Map.of("JAVA_HOME", home.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("is Java 11.0.22", "needs 17 or newer");
  }

  @Test
  void theLauncherRunsFromAFolderWithSpacesThroughASymlink() throws Exception {
    Path installed = Files.createDirectories(folder.resolve("my tools/codestral lsp"));
    Files.copy(ServerProcess.jar(), installed.resolve("codestral-lsp.jar"));
    Files.copy(launcher(), installed.resolve("codestral-lsp"));
    Path bin = Files.createDirectories(folder.resolve("bin dir"));
    Path link =
        Files.createSymbolicLink(bin.resolve("codestral-lsp"), installed.resolve("codestral-lsp"));

    CommandRun run =
        CommandRun.run(
            List.of("sh", link.toString(), "--version"),
            Map.of("JAVA_HOME", System.getProperty("java.home")));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).startsWith("codestral-lsp ");
  }

  /** A PATH with the tools the launcher uses but no java. */
  private String toolsWithoutJava() throws IOException {
    Path tools = Files.createDirectories(folder.resolve("tools"));
    for (String tool :
        List.of("dirname", "readlink", "sed", "head", "cut", "find", "rm", "mkdir", "mv")) {
      for (String dir : List.of("/usr/bin", "/bin")) {
        Path real = Path.of(dir, tool);
        if (Files.isExecutable(real) && !Files.exists(tools.resolve(tool))) {
          Files.createSymbolicLink(tools.resolve(tool), real);
        }
      }
    }
    return tools.toString();
  }
}
