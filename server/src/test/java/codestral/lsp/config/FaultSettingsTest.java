package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The network and operations settings, the key command and key masking. */
class FaultSettingsTest {
  private static final Settings DEFAULTS = Settings.fromEnvironment(Map.of());

  @Test
  void networkSettingsAreReadFlatOrNested() {
    Settings flat =
        SettingsParser.parse(
                DEFAULTS,
                Map.of("codestral", Map.of("readTimeoutMs", 1500, "allowInsecureHttp", true)))
            .settings();
    assertThat(flat.network()).isEqualTo(new Settings.Network(10_000, 1500, 60_000, true));
    Settings nested =
        SettingsParser.parse(
                DEFAULTS, Map.of("codestral", Map.of("network", Map.of("connectTimeoutMs", 700))))
            .settings();
    assertThat(nested.network().connectTimeoutMs()).isEqualTo(700);
  }

  @Test
  void aBadTimeoutIsReportedByNameAndThePreviousValueKept() {
    SettingsParser.Result result =
        SettingsParser.parse(
            DEFAULTS,
            Map.of("codestral", Map.of("requestTimeoutMs", -1, "allowInsecureHttp", "yes")));
    assertThat(result.settings().network()).isEqualTo(Settings.Network.defaults());
    assertThat(result.problems())
        .anyMatch(p -> p.startsWith("codestral.requestTimeoutMs"))
        .anyMatch(p -> p.startsWith("codestral.allowInsecureHttp"));
  }

  @Test
  void logLevelAndKeyCommandAreOperations() {
    Settings parsed =
        SettingsParser.parse(
                DEFAULTS,
                Map.of(
                    "codestral",
                    Map.of("logLevel", "DEBUG", "apiKeyCommand", "pass show codestral")))
            .settings();
    assertThat(parsed.operations())
        .isEqualTo(new Settings.Operations("debug", List.of("pass show codestral")));
    SettingsParser.Result bad =
        SettingsParser.parse(
            parsed, Map.of("codestral", Map.of("logLevel", "loud", "apiKeyCommand", 7)));
    assertThat(bad.settings().operations()).isEqualTo(parsed.operations());
    assertThat(bad.problems()).hasSize(2);
  }

  @Test
  void aKeyNeverAppearsInMaskedTextNorInSettingsToString() {
    ApiKey key = ApiKey.of("mask-me-0123456789", "test");
    assertThat(ApiKey.mask("url https://x/mask-me-0123456789/v1"))
        .isEqualTo("url https://x/[redacted]/v1");
    Settings settings =
        DEFAULTS.with(b -> b.apiKey(key)).with(b -> b.endpoint("https://host/mask-me-0123456789"));
    assertThat(settings.toString()).doesNotContain("mask-me-0123456789");
    SettingsParser.Result bad =
        SettingsParser.parse(
            settings, Map.of("codestral", Map.of("endpoint", "ftp://mask-me-0123456789")));
    assertThat(bad.problems()).singleElement().asString().doesNotContain("mask-me-0123456789");
  }

  @Test
  void theKeyCommandsTrimmedOutputIsTheKey() throws Exception {
    ApiKey key =
        ApiKeyCommand.run(
            List.of("/bin/sh", "-c", "printf '  from-the-keychain-42\\n'"), Duration.ofSeconds(10));
    assertThat(key.reveal()).isEqualTo("from-the-keychain-42");
    assertThat(key.source()).isEqualTo("setting codestral.apiKeyCommand");
  }

  @Test
  void aFailingKeyCommandSaysWhyWithoutItsOutput() {
    assertThatThrownBy(
            () ->
                ApiKeyCommand.run(
                    List.of("echo out-secret; echo err-secret >&2; exit 4"),
                    Duration.ofSeconds(10)))
        .isInstanceOf(ApiKeyCommand.Failure.class)
        .hasMessageContaining("exit code 4")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(
            () -> ApiKeyCommand.run(List.of("/bin/sh", "-c", "true"), Duration.ofSeconds(10)))
        .hasMessageContaining("printed no key");
    assertThatThrownBy(() -> ApiKeyCommand.run(List.of("/no/such/program"), Duration.ofSeconds(10)))
        .hasMessageContaining("could not be started");
  }

  @Test
  void aHangingKeyCommandIsStoppedAtItsTimeout() {
    assertThatThrownBy(
            () ->
                ApiKeyCommand.run(
                    List.of("/bin/sh", "-c", "exec sleep 30"), Duration.ofMillis(200)))
        .hasMessageContaining("did not finish within 200 ms");
  }

  @Test
  void theKeyFromTheCommandIsPutInForceOnce() throws Exception {
    CurrentSettings settings = new CurrentSettings(DEFAULTS);
    settings.apply(
        Map.of(
            "codestral",
            Map.of("apiKeyCommand", List.of("/bin/sh", "-c", "echo command-key-123"))));
    int[] keys = new int[1];
    ApiKeyCommand command =
        new ApiKeyCommand(
            settings, Runnable::run, Duration.ofSeconds(10), () -> keys[0]++, failure -> {});
    command.refresh().get();
    command.refresh().get();
    assertThat(settings.get().apiKey().reveal()).isEqualTo("command-key-123");
    assertThat(keys[0]).isEqualTo(1);
  }
}
