package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {
  private final Settings defaults = Settings.fromEnvironment(Map.of());

  @Test
  void mistralIsTheDefaultAndOllamaHasItsOwnEndpointAndModel() {
    assertThat(defaults.provider()).isEqualTo(Settings.Provider.MISTRAL);
    assertThat(defaults.ollama())
        .isEqualTo(new Settings.Ollama("http://127.0.0.1:11434", "codestral:22b"));
    assertThat(defaults.completionModel()).isEqualTo("codestral-latest");
  }

  @Test
  void choosingOllamaSwitchesTheModelsOfCompletionAndChat() {
    var result = SettingsParser.parse(defaults, Map.of("codestral", Map.of("provider", "Ollama")));
    assertThat(result.problems()).isEmpty();
    assertThat(result.settings().completionModel()).isEqualTo("codestral:22b");
    assertThat(result.settings().chatModel()).isEqualTo("codestral:22b");
  }

  @Test
  void ollamaSettingsAreParsedAndBadOnesNamed() {
    var result =
        SettingsParser.parse(
            defaults,
            Map.of(
                "provider",
                "lmstudio",
                "ollama",
                Map.of("endpoint", "http://box:11434/", "model", 7)));
    assertThat(result.problems())
        .anyMatch(p -> p.startsWith("codestral.provider"))
        .anyMatch(p -> p.startsWith("codestral.ollama.model"));
    assertThat(result.settings().provider()).isEqualTo(Settings.Provider.MISTRAL);
    assertThat(result.settings().ollama())
        .isEqualTo(new Settings.Ollama("http://box:11434", "codestral:22b"));
  }
}
