package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * editors/emacs in a real Emacs in batch mode: Eglot (bookworm's elpa-eglot) completes through the
 * menu, and lsp-mode 10 (sid's, unpacked by editors/ci/install.sh) shows the inline suggestion and
 * accepts it. Each is skipped when its Emacs package is not installed.
 */
class EmacsEditorTest {
  private static final String TEXT = "def total(values):\n    return su\n\nprint(total([1, 2]))\n";
  private static final String COMPLETED =
      "def total(values):\n    return sum(values)\n\nprint(total([1, 2]))\n";

  private FakeCodestral fake;

  @TempDir Path dir;

  @BeforeEach
  void startFake() throws Exception {
    fake = new FakeCodestral();
    // The user typed "su"; Codestral continues the word.
    fake.setDefaultCompletion("m(values)");
  }

  @AfterEach
  void stopFake() throws Exception {
    fake.close();
  }

  @Test
  void eglotOffersTheSuggestionInTheMenuAndCompletionAtPointInsertsIt() throws Exception {
    Path emacs = EditorRun.requireOnPath("emacs", "Emacs");
    EditorRun.require(
        Path.of("/usr/share/emacs/site-lisp/elpa-src").resolve(eglotFolder()),
        "Eglot (elpa-eglot)");
    Path file = dir.resolve("main.py");
    Files.writeString(file, TEXT);

    EditorRun.Result run =
        EditorRun.run(
            List.of(
                emacs.toString(),
                "--batch",
                "-L",
                emacsFolder().toString(),
                "-l",
                emacsFolder().resolve("test/eglot-menu-test.el").toString()),
            dir,
            environment(file));

    assertThat(run.exitCode()).as("emacs output:\n%s", run.output()).isZero();
    assertThat(run.output()).contains("ok: eglot to connect").contains("menu: (\"sum(values)\")");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(COMPLETED);
    FakeCodestral.Received request = fake.takeRequest();
    assertThat(request.prompt()).isEqualTo("def total(values):\n    return su");
    assertThat(request.body().path("max_tokens").asInt()).isEqualTo(64);
    // codestral-chat through Eglot: the fake's answer (sent whole, as some proxies do) lands in
    // the chat buffer under the question.
    String header = "chat buffer: \"## You\n\nexplain total\n\n## Codestral\n\n";
    assertThat(run.output()).contains("ok: the chat to finish").contains(header + "m(values)");
  }

  @Test
  void lspModeShowsTheInlineSuggestionAndAcceptsIt() throws Exception {
    Path emacs = EditorRun.requireOnPath("emacs", "Emacs");
    Path elisp =
        EditorRun.require(
            EditorRun.home().resolve("elisp/root/usr/share/emacs/site-lisp/elpa-src"),
            "lsp-mode 10 (sid's elpa-lsp-mode)");
    Path file = dir.resolve("main.py");
    Files.writeString(file, TEXT);
    Map<String, String> env = environment(file);
    env.put("CODESTRAL_ELISP", elisp.toString());
    env.put("CODESTRAL_TEST_DIR", dir.toString());

    EditorRun.Result run =
        EditorRun.run(
            List.of(
                emacs.toString(),
                "--batch",
                "-L",
                emacsFolder().toString(),
                "-l",
                emacsFolder().resolve("test/lsp-inline-test.el").toString()),
            dir,
            env);

    assertThat(run.exitCode()).as("emacs output:\n%s", run.output()).isZero();
    assertThat(run.output())
        .contains("lsp-mode 10.")
        .contains("ok: the codestral workspace to be initialized")
        .contains("overlay after-string: \"m(values)\"");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(COMPLETED);
    FakeCodestral.Received request = fake.takeRequest();
    assertThat(request.prompt()).isEqualTo("def total(values):\n    return su");
  }

  private Map<String, String> environment(Path file) {
    Map<String, String> env = new HashMap<>(EditorRun.serverEnvironment(fake));
    env.put("CODESTRAL_TEST_FILE", file.toString());
    env.put("CODESTRAL_TEST_LINE", "2");
    env.put("HOME", dir.toString()); // no user init, no ~/.emacs.d writes
    return env;
  }

  private static Path emacsFolder() {
    return EditorRun.repo().resolve("editors/emacs");
  }

  /** Bookworm's elpa-eglot folder (eglot-1.9), whatever its version. */
  private static String eglotFolder() throws java.io.IOException {
    Path src = Path.of("/usr/share/emacs/site-lisp/elpa-src");
    if (!Files.isDirectory(src)) {
      return "eglot";
    }
    try (var children = Files.list(src)) {
      return children
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("eglot-"))
          .findFirst()
          .orElse("eglot");
    }
  }
}
