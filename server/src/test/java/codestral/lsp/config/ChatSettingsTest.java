package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatSettingsTest {
  private final Settings defaults = Settings.fromEnvironment(Map.of());

  @Test
  void defaultsAreCodestralLatestWithAShortSystemPrompt() {
    Settings.Chat chat = defaults.chat();
    assertThat(chat.model()).isEqualTo("codestral-latest");
    assertThat(chat.systemPrompt()).isNotBlank().hasSizeLessThan(400);
    assertThat(chat.maxTokens()).isEqualTo(1024);
  }

  @Test
  void theChatSectionOverridesEachValue() {
    var result =
        SettingsParser.parse(
            defaults,
            Map.of(
                "codestral",
                Map.of(
                    "chat",
                    Map.of(
                        "model",
                        "codestral-2508",
                        "systemPrompt",
                        "",
                        "maxTokens",
                        300,
                        "temperature",
                        0.7))));
    assertThat(result.problems()).isEmpty();
    assertThat(result.settings().chat())
        .isEqualTo(new Settings.Chat("codestral-2508", "", 300, 0.7));
  }

  @Test
  void aBadChatValueIsNamedAndTheOthersStillApply() {
    var result =
        SettingsParser.parse(
            defaults, Map.of("chat", Map.of("temperature", 3, "maxTokens", 0, "model", "m")));
    assertThat(result.problems())
        .anyMatch(p -> p.startsWith("codestral.chat.temperature"))
        .anyMatch(p -> p.startsWith("codestral.chat.maxTokens"));
    assertThat(result.settings().chat().temperature()).isEqualTo(defaults.chat().temperature());
    assertThat(result.settings().chat().model()).isEqualTo("m");
  }
}
