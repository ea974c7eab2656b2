package codestral.lsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * editors/neovim in the real Neovim (sid's 0.12, installed by editors/ci/install.sh): the plugin
 * starts the built jar, the fake's suggestion shows as ghost text in insert mode and the plugin's
 * accept key puts it in the buffer. Skipped when that Neovim is not installed.
 */
class NeovimEditorTest {
  private FakeCodestral fake;

  @TempDir Path dir;

  @BeforeEach
  void startFake() throws Exception {
    fake = new FakeCodestral();
  }

  @AfterEach
  void stopFake() throws Exception {
    fake.close();
  }

  @Test
  void ghostTextFromTheFakeIsShownInInsertModeAndTabAcceptsIt() throws Exception {
    Path nvim = EditorRun.require(EditorRun.home().resolve("nvim/bin/nvim"), "Neovim 0.12");
    Path plugin = EditorRun.repo().resolve("editors/neovim");
    fake.setDefaultCompletion("a + b");
    Path file = dir.resolve("main.py");
    // The cursor goes to the end of line 2: "    return |".
    Files.writeString(file, "def add(a, b):\n    return \n\nprint(add(1, 2))\n");
    Path resultFile = dir.resolve("result.json");

    Map<String, String> env = new HashMap<>(EditorRun.serverEnvironment(fake));
    env.put("CODESTRAL_TEST_FILE", file.toString());
    env.put("CODESTRAL_TEST_LINE", "2");
    env.put("CODESTRAL_TEST_RESULT", resultFile.toString());
    env.put("XDG_STATE_HOME", dir.resolve("state").toString());
    EditorRun.Result run =
        EditorRun.run(
            List.of(
                nvim.toString(),
                "--headless",
                "--clean",
                "--cmd",
                "set rtp^=" + plugin,
                "-S",
                plugin.resolve("test/inline_headless.lua").toString()),
            dir,
            env);

    assertThat(resultFile).as("nvim wrote no result; its output:\n%s", run.output()).exists();
    JsonNode result = new ObjectMapper().readTree(Files.readString(resultFile));
    assertThat(result.path("ok").asBoolean())
        .as("%s\nnvim output:\n%s", result, run.output())
        .isTrue();
    assertThat(run.exitCode()).isZero();
    assertThat(result.path("version").asText()).startsWith("0.12");
    assertThat(result.path("has_inline").asBoolean()).isTrue();
    assertThat(result.path("ghost").asText()).isEqualTo("a + b");
    assertThat(result.path("ghost_row").asInt()).isEqualTo(1);
    assertThat(result.path("mode_when_shown").asText()).isEqualTo("i");
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo("def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n");

    FakeCodestral.Received request = fake.takeRequest();
    assertThat(request.path()).isEqualTo("/v1/fim/completions");
    assertThat(request.prompt()).isEqualTo("def add(a, b):\n    return ");
    assertThat(request.suffix()).startsWith("\n\nprint(add(1, 2))");
    assertThat(request.body().path("max_tokens").asInt()).isEqualTo(64);
  }

  @Test
  void codestralChatStreamsTheAnswerIntoAMarkdownScratchBuffer() throws Exception {
    Path nvim = EditorRun.require(EditorRun.home().resolve("nvim/bin/nvim"), "Neovim 0.12");
    Path plugin = EditorRun.repo().resolve("editors/neovim");
    // Streamed the way the API streams chat: the buffer must add the deltas up in order.
    fake.enqueueChatStream(List.of("It adds ", "two ", "numbers."));
    Path file = dir.resolve("main.py");
    Files.writeString(file, "def add(a, b):\n    return a + b\n");
    Path resultFile = dir.resolve("chat.json");
    Map<String, String> env = new HashMap<>(EditorRun.serverEnvironment(fake));
    env.put("CODESTRAL_TEST_FILE", file.toString());
    env.put("CODESTRAL_TEST_PROMPT", "explain add");
    env.put("CODESTRAL_TEST_RESULT", resultFile.toString());
    env.put("XDG_STATE_HOME", dir.resolve("state").toString());

    EditorRun.Result run =
        EditorRun.run(
            List.of(
                nvim.toString(),
                "--headless",
                "--clean",
                "--cmd",
                "set rtp^=" + plugin,
                "-S",
                plugin.resolve("test/chat_headless.lua").toString()),
            dir,
            env);

    assertThat(resultFile).as("nvim wrote no result; its output:\n%s", run.output()).exists();
    JsonNode result = new ObjectMapper().readTree(Files.readString(resultFile));
    assertThat(result.path("ok").asBoolean())
        .as("%s\nnvim output:\n%s", result, run.output())
        .isTrue();
    // filetype markdown where its tree-sitter parser exists, else the regex syntax (sid's bare
    // nvim)
    assertThat(List.of(result.path("filetype").asText(), result.path("syntax").asText()))
        .contains("markdown");
    assertThat(result.path("buftype").asText()).isEqualTo("nofile");
    List<String> lines = new java.util.ArrayList<>();
    result.path("lines").forEach(line -> lines.add(line.asText()));
    String chat = String.join("\n", lines);
    assertThat(chat).startsWith("## You\n\nexplain add\n\n## Codestral\n\n");
    // The streamed deltas, added up in order, then the plugin's closing note.
    String after = chat.substring("## You\n\nexplain add\n\n## Codestral\n\n".length());
    assertThat(after).startsWith("It adds two numbers.").contains("<!-- ");
  }
}
