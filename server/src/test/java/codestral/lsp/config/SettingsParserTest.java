package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsParserTest {
  private static final Settings DEFAULTS = Settings.fromEnvironment(Map.of());

  @Test
  void defaultsPointAtCodestralWithNoKey() {
    assertThat(DEFAULTS.endpoint()).isEqualTo("https://codestral.mistral.ai");
    assertThat(DEFAULTS.apiKey()).isNull();
    assertThat(DEFAULTS.model()).isEqualTo("codestral-latest");
  }

  @Test
  void theEnvironmentSetsKeyAndEndpointAndCodestralKeyWins() {
    Settings settings =
        Settings.fromEnvironment(
            Map.of(
                "CODESTRAL_API_KEY", " k1 ",
                "MISTRAL_API_KEY", "k2",
                "CODESTRAL_ENDPOINT", "http://127.0.0.1:9/proxy/"));
    assertThat(settings.apiKey().reveal()).isEqualTo("k1");
    assertThat(settings.apiKey().source()).isEqualTo("CODESTRAL_API_KEY");
    assertThat(settings.endpoint()).isEqualTo("http://127.0.0.1:9/proxy");
    assertThat(Settings.fromEnvironment(Map.of("MISTRAL_API_KEY", "k2")).apiKey().source())
        .isEqualTo("MISTRAL_API_KEY");
  }

  @Test
  void anEndpointEndingInV1IsTheBaseUrlWithoutIt() {
    assertThat(
            Settings.fromEnvironment(
                    Map.of("CODESTRAL_ENDPOINT", "https://codestral.mistral.ai/v1/"))
                .endpoint())
        .isEqualTo("https://codestral.mistral.ai");
    var parsed =
        SettingsParser.parse(
            DEFAULTS,
            Map.of("codestral", Map.of("endpoint", "https://proxy.example/mistral/eu/v1")));
    assertThat(parsed.settings().endpoint()).isEqualTo("https://proxy.example/mistral/eu");
    assertThat(parsed.problems()).isEmpty();
  }

  @Test
  void nestedAndBareSectionsAreBothRead() {
    var nested = SettingsParser.parse(DEFAULTS, Map.of("codestral", Map.of("model", "m1")));
    var bare = SettingsParser.parse(DEFAULTS, Map.of("model", "m2", "maxTokens", 32L));
    assertThat(nested.settings().model()).isEqualTo("m1");
    assertThat(bare.settings().model()).isEqualTo("m2");
    assertThat(bare.settings().completion().maxTokens()).isEqualTo(32);
    assertThat(nested.problems()).isEmpty();
  }

  @Test
  void aBadValueIsNamedAndThePreviousValueStays() {
    var result =
        SettingsParser.parse(
            DEFAULTS,
            Map.of(
                "codestral",
                Map.of(
                    "maxTokens",
                    "many",
                    "temperature",
                    3.0,
                    "endpoint",
                    "ftp://x",
                    "model",
                    "ok")));
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p).startsWith("codestral.maxTokens"))
        .anySatisfy(p -> assertThat(p).startsWith("codestral.temperature"))
        .anySatisfy(p -> assertThat(p).startsWith("codestral.endpoint"));
    assertThat(result.settings().completion()).isEqualTo(DEFAULTS.completion());
    assertThat(result.settings().endpoint()).isEqualTo(DEFAULTS.endpoint());
    assertThat(result.settings().model()).isEqualTo("ok");
  }

  @Test
  void stopTakesAStringOrAListOfStrings() {
    assertThat(SettingsParser.parse(DEFAULTS, Map.of("stop", "\n")).settings().completion().stop())
        .containsExactly("\n");
    assertThat(
            SettingsParser.parse(DEFAULTS, Map.of("stop", List.of("a", "b")))
                .settings()
                .completion()
                .stop())
        .containsExactly("a", "b");
    assertThat(SettingsParser.parse(DEFAULTS, Map.of("stop", List.of(1))).problems()).hasSize(1);
  }

  @Test
  void nullOrNonObjectSettingsChangeNothing() {
    assertThat(SettingsParser.parse(DEFAULTS, null).settings()).isEqualTo(DEFAULTS);
    assertThat(SettingsParser.parse(DEFAULTS, "text").settings()).isEqualTo(DEFAULTS);
  }

  @Test
  void theKeyNeverShowsInToString() {
    Settings settings = DEFAULTS.with(b -> b.apiKey(ApiKey.of("sk-secret-123", "test")));
    assertThat(settings.toString()).doesNotContain("sk-secret-123");
    assertThat(settings.apiKey().toString()).doesNotContain("sk-secret-123");
  }

  @Test
  void aKeyCommandLineNeverShowsInToStringEither() {
    Settings settings =
        DEFAULTS.with(
            b -> b.operations(new Settings.Operations("info", List.of("echo sk-inline-456"))));
    assertThat(settings.toString()).doesNotContain("sk-inline-456").contains("apiKeyCommand=set");
  }
}
