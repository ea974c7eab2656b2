package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextSettingsTest {
  private final Settings defaults = Settings.fromEnvironment(Map.of());

  @Test
  void theWorkspaceIndexIsOnByDefaultWithItsCaps() {
    assertThat(defaults.prompt().context())
        .isEqualTo(new Settings.Context(true, 20_000, 512, 64, List.of()));
  }

  @Test
  void eachValueIsReadAndABadOneKeepsThePreviousWithAProblemNamingIt() {
    SettingsParser.Result result =
        SettingsParser.parse(
            defaults,
            Map.of(
                "codestral",
                Map.of(
                    "prompt", Map.of("maxPromptTokens", 8000),
                    "context",
                        Map.of(
                            "workspace",
                            false,
                            "maxFiles",
                            500,
                            "maxFileKb",
                            "big",
                            "maxMemoryMb",
                            16,
                            "exclude",
                            List.of("fixtures/")))));
    assertThat(result.settings().prompt().maxPromptTokens()).isEqualTo(8000);
    assertThat(result.settings().prompt().context())
        .isEqualTo(new Settings.Context(false, 500, 512, 16, List.of("fixtures/")));
    assertThat(result.problems())
        .containsExactly(
            "codestral.context.maxFileKb must be a whole number from 1 to 65536, got: big");
  }

  @Test
  void aContextThatIsNotAnObjectIsReported() {
    SettingsParser.Result result =
        SettingsParser.parse(defaults, Map.of("codestral", Map.of("context", true)));
    assertThat(result.settings()).isEqualTo(defaults);
    assertThat(result.problems()).containsExactly("codestral.context must be an object");
  }
}
