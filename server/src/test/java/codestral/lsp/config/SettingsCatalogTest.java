package codestral.lsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is the one list of settings: the parser reads by it, and what editors and README
 * offer must match it.
 */
class SettingsCatalogTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Settings defaults = Settings.fromEnvironment(Map.of());

  @Test
  void vsCodeOffersExactlyTheServersSettingsWithTheirDefaultsAndBounds() throws IOException {
    JsonNode manifest = JSON.readTree(REPOSITORY.resolve("editors/vscode/package.json").toFile());
    ObjectNode offered =
        ((ObjectNode) manifest.at("/contributes/configuration/properties")).deepCopy();
    List<String> clientOnly = new ArrayList<>();
    offered
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (name.startsWith("codestral.server.")) {
                clientOnly.add(name);
              }
            });
    offered.remove(clientOnly);
    JsonNode generated = JSON.valueToTree(SettingsCatalog.editorSchema());

    assertThat(offered.equals(SAME_NUMBER, generated))
        .as(
            "editors/vscode/package.json's settings differ from the server's; after"
                + " `mvn -B -pl server package -DskipTests`, run `node editors/vscode/scripts/sync-settings.mjs`."
                + "%npackage.json: %s%nserver:       %s",
            offered, generated)
        .isTrue();
  }

  @Test
  void everySettingIsDocumentedInReadme() throws IOException {
    List<String> lines = Files.readAllLines(REPOSITORY.resolve("README.md"));
    for (Setting setting : SettingsCatalog.ALL) {
      boolean named =
          lines.stream().anyMatch(line -> line.contains("`" + setting.fullName() + "`"));
      // A row may group siblings: `codestral.context.maxFiles` / `maxFileKb` / `maxMemoryMb`.
      boolean grouped =
          setting.parent() != null
              && lines.stream()
                  .anyMatch(
                      line ->
                          line.contains("`codestral." + setting.parent() + ".")
                              && line.contains("`" + setting.key() + "`"));
      assertThat(named || grouped).as("README documents %s", setting.fullName()).isTrue();
    }
  }

  @Test
  void everyDefaultIsAValueItsSettingAccepts() {
    Map<String, Object> section = new HashMap<>();
    for (Setting setting : SettingsCatalog.ALL) {
      Object value = setting.current().apply(defaults);
      if (value == null || setting.type() instanceof ValueType.Secret) {
        continue; // no key and no log level by default: nothing to accept
      }
      assertThat(setting.type().accept(value)).as(setting.fullName()).isEqualTo(value);
      put(section, setting, value);
    }
    SettingsParser.Result result = SettingsParser.parse(defaults, Map.of("codestral", section));
    assertThat(result.problems()).isEmpty();
    assertThat(result.settings()).isEqualTo(defaults);
  }

  @Test
  void everySettingIsAppliedAndAWrongTypeIsReportedByItsNameAndKeepsThePrevious() {
    for (Setting setting : SettingsCatalog.ALL) {
      Map<String, Object> wrong = new HashMap<>();
      put(wrong, setting, Map.of("not", "a value"));
      SettingsParser.Result result = SettingsParser.parse(defaults, wrong);
      assertThat(result.settings()).as(setting.fullName()).isEqualTo(defaults);
      assertThat(result.problems())
          .singleElement()
          .asString()
          .startsWith(setting.fullName() + " must be ");
    }
  }

  @Test
  void aGroupedSettingIsReadFlatOrNestedInItsGroup() {
    Settings flat = SettingsParser.parse(defaults, Map.of("debounceMs", 40)).settings();
    Settings nested =
        SettingsParser.parse(defaults, Map.of("pacing", Map.of("debounceMs", 40))).settings();
    assertThat(flat.pacing().debounceMs()).isEqualTo(40);
    assertThat(nested).isEqualTo(flat);
  }

  @Test
  void anEmptyStringLeavesASettingFromTheEnvironmentToTheEnvironment() {
    Settings fromEnvironment =
        Settings.fromEnvironment(Map.of("CODESTRAL_ENDPOINT", "https://proxy.example"));
    SettingsParser.Result result =
        SettingsParser.parse(fromEnvironment, Map.of("endpoint", " ", "logLevel", ""));
    assertThat(result.problems()).isEmpty();
    assertThat(result.settings()).isEqualTo(fromEnvironment);
  }

  @Test
  void aKeyOrCommandLineOfTheWrongShapeIsNeverQuotedBack() {
    SettingsParser.Result result =
        SettingsParser.parse(
            defaults, Map.of("apiKey", 12345678, "apiKeyCommand", List.of("pass", " ")));
    assertThat(result.problems())
        .containsExactly(
            "codestral.apiKey must be a string",
            "codestral.apiKeyCommand must be a command line or a list of its words");
  }

  @Test
  void aKeySentWithABadUrlItWasPastedIntoIsMaskedInTheRefusal() {
    String key = "sk-catalogue-order-4321";
    SettingsParser.Result result =
        SettingsParser.parse(defaults, Map.of("endpoint", "ftp://host/" + key, "apiKey", key));
    assertThat(result.problems())
        .singleElement()
        .asString()
        .doesNotContain(key)
        .contains("[redacted]");
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> section, Setting setting, Object value) {
    if (setting.parent() == null) {
      section.put(setting.key(), value);
    } else {
      ((Map<String, Object>) section.computeIfAbsent(setting.parent(), parent -> new HashMap<>()))
          .put(setting.key(), value);
    }
  }

  /** JSON numbers compare by value: the generator writes 0.0 where package.json has 0. */
  private static final Comparator<JsonNode> SAME_NUMBER =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
      };
}
