package codestral.lsp.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code codestral} section of the client's settings, in any of the shapes clients send
 * it, on top of the settings in force, checking each value against {@link SettingsCatalog}.
 *
 * <p>Input is plain Java data (maps, lists, strings, numbers, booleans) so this package knows
 * nothing of JSON libraries. A value of the wrong type or out of range is reported by its dotted
 * name and the previous value is kept: one typo must not switch the server off.
 */
public final class SettingsParser {

  /** The settings after parsing, and one human-readable line per rejected value. */
  public record Result(Settings settings, List<String> problems) {}

  private SettingsParser() {}

  /**
   * Applies a settings object on top of {@code current}. Accepts {@code {"codestral": {...}}} and
   * the bare section alike; null or an empty object changes nothing.
   */
  public static Result parse(Settings current, Object settings) {
    if (!(settings instanceof Map<?, ?> root)) {
      return new Result(current, List.of());
    }
    Map<?, ?> section = root.get("codestral") instanceof Map<?, ?> nested ? nested : root;
    List<String> problems = new ArrayList<>();
    Set<String> badSections = new HashSet<>();
    Settings result =
        current.with(
            builder -> {
              for (Setting setting : SettingsCatalog.ALL) {
                Map<?, ?> home = home(section, setting, badSections, problems);
                Object raw = home == null ? null : home.get(setting.key());
                if (raw == null
                    || (setting.fromEnvironment() && raw instanceof String s && s.isBlank())) {
                  continue;
                }
                Object value = setting.type().accept(raw);
                if (value != null) {
                  setting.apply().accept(builder, value);
                } else {
                  problems.add(refusal(setting, raw));
                }
              }
            });
    return new Result(result, List.copyOf(problems));
  }

  /**
   * The map that holds the setting's key: its named section ({@code chat} for {@code chat.model}),
   * or its optional group when the client nested it there, or the section itself. A named section
   * that is not an object is reported once and its settings are skipped.
   */
  private static Map<?, ?> home(
      Map<?, ?> section, Setting setting, Set<String> badSections, List<String> problems) {
    String parent = setting.parent();
    if (parent != null) {
      Object nested = section.get(parent);
      if (nested == null || nested instanceof Map<?, ?>) {
        return (Map<?, ?>) nested;
      }
      if (badSections.add(parent)) {
        problems.add("codestral." + parent + " must be an object");
      }
      return null;
    }
    if (setting.group() != null && section.get(setting.group()) instanceof Map<?, ?> grouped) {
      return grouped;
    }
    return section;
  }

  private static String refusal(Setting setting, Object raw) {
    String problem = setting.fullName() + " must be " + setting.type().expectation();
    // Only key material is never quoted back; anything else may hold a pasted key, so it is masked.
    return setting.type().quotesRefusedValue()
        ? problem + ", got: " + ApiKey.mask(String.valueOf(raw))
        : problem;
  }
}
