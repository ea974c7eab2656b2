package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptSettingsTest {
  private final Settings defaults = Settings.fromEnvironment(Map.of());

  @Test
  void defaultsAreAFourThousandTokenBudgetSplitThreeToOneWithAQuarterForContext() {
    Settings.Prompt prompt = defaults.prompt();
    assertThat(prompt.maxPromptTokens()).isEqualTo(4096);
    assertThat(prompt.prefixShare()).isEqualTo(0.75);
    assertThat(prompt.contextShare()).isEqualTo(0.25);
    assertThat(prompt.excludedFiles()).contains(".env*", "*.pem", "id_rsa*", ".npmrc");
  }

  @Test
  void flatAndNestedNamesAreRead() {
    Settings flat =
        SettingsParser.parse(
                defaults,
                Map.of(
                    "codestral",
                    Map.of(
                        "maxPromptTokens",
                        2000,
                        "prefixShare",
                        0.5,
                        "contextShare",
                        0,
                        "excludedFiles",
                        List.of("*.secret"))))
            .settings();
    assertThat(flat.prompt()).isEqualTo(new Settings.Prompt(2000, 0.5, 0.0, List.of("*.secret")));
    Settings nested =
        SettingsParser.parse(
                defaults, Map.of("codestral", Map.of("prompt", Map.of("maxPromptTokens", 8000))))
            .settings();
    assertThat(nested.prompt().maxPromptTokens()).isEqualTo(8000);
    assertThat(nested.prompt().prefixShare()).isEqualTo(0.75);
  }

  @Test
  void badValuesAreToldByNameAndThePreviousValuesStay() {
    SettingsParser.Result result =
        SettingsParser.parse(
            defaults,
            Map.of(
                "maxPromptTokens",
                1.5,
                "prefixShare",
                2,
                "contextShare",
                "lots",
                "excludedFiles",
                List.of(3)));
    assertThat(result.settings().prompt()).isEqualTo(Settings.Prompt.defaults());
    assertThat(result.problems())
        .hasSize(4)
        .anySatisfy(problem -> assertThat(problem).startsWith("codestral.maxPromptTokens"))
        .anySatisfy(problem -> assertThat(problem).startsWith("codestral.prefixShare"))
        .anySatisfy(problem -> assertThat(problem).startsWith("codestral.contextShare"))
        .anySatisfy(problem -> assertThat(problem).startsWith("codestral.excludedFiles"));
  }

  @Test
  void theFourArgumentConstructorKeepsThePromptDefaults() {
    Settings settings = new Settings("https://x", null, "m", Settings.Completion.defaults());
    assertThat(settings.prompt()).isEqualTo(Settings.Prompt.defaults());
    assertThat(settings.with(b -> b.model("n")).prompt()).isEqualTo(Settings.Prompt.defaults());
  }
}
