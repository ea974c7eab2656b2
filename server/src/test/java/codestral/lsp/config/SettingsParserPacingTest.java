package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsParserPacingTest {
  private final Settings defaults = Settings.fromEnvironment(Map.of());

  @Test
  void defaultsSuitTheFreeTier() {
    assertThat(defaults.pacing()).isEqualTo(new Settings.Pacing(150, true, 30, 100_000));
  }

  @Test
  void pacingIsReadFlatOrNested() {
    Settings flat =
        SettingsParser.parse(
                defaults, Map.of("codestral", Map.of("debounceMs", 80, "adaptiveDebounce", false)))
            .settings();
    assertThat(flat.pacing()).isEqualTo(new Settings.Pacing(80, false, 30, 100_000));
    Settings nested =
        SettingsParser.parse(
                defaults,
                Map.of(
                    "codestral",
                    Map.of("pacing", Map.of("requestsPerMinute", 300, "tokensPerMinute", 0))))
            .settings();
    assertThat(nested.pacing()).isEqualTo(new Settings.Pacing(150, true, 300, 0));
  }

  @Test
  void aBadValueIsNamedAndThePreviousOneKept() {
    SettingsParser.Result result =
        SettingsParser.parse(
            defaults,
            Map.of(
                "codestral",
                Map.of("debounceMs", -1, "adaptiveDebounce", "yes", "requestsPerMinute", 2.5)));
    assertThat(result.settings().pacing()).isEqualTo(defaults.pacing());
    assertThat(result.problems())
        .hasSize(3)
        .anyMatch(p -> p.startsWith("codestral.debounceMs"))
        .anyMatch(p -> p.startsWith("codestral.adaptiveDebounce"))
        .anyMatch(p -> p.startsWith("codestral.requestsPerMinute"));
  }

  @Test
  void deadlinesAndPrefetchAreReadAndCheckedByName() {
    assertThat(defaults.pacing().automaticDeadlineMs()).isEqualTo(3_000);
    assertThat(defaults.pacing().invokedDeadlineMs()).isEqualTo(10_000);
    assertThat(defaults.pacing().prefetch()).isTrue();
    Settings set =
        SettingsParser.parse(
                defaults,
                Map.of(
                    "codestral",
                    Map.of(
                        "automaticDeadlineMs", 500, "invokedDeadlineMs", 2000, "prefetch", false)))
            .settings();
    assertThat(set.pacing())
        .isEqualTo(new Settings.Pacing(150, true, 30, 100_000, 500, 2000, false));
    SettingsParser.Result bad =
        SettingsParser.parse(
            defaults, Map.of("codestral", Map.of("automaticDeadlineMs", 0, "prefetch", "on")));
    assertThat(bad.settings().pacing()).isEqualTo(defaults.pacing());
    assertThat(bad.problems())
        .hasSize(2)
        .anyMatch(p -> p.startsWith("codestral.automaticDeadlineMs"))
        .anyMatch(p -> p.startsWith("codestral.prefetch"));
  }
}
