package codestral.lsp.config;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One user setting under {@code codestral}: its name, the values it takes, what it does, where its
 * value lives in {@link Settings}, and how a checked value is put there.
 *
 * @param name the dotted name after {@code codestral.}: {@code maxTokens}, {@code chat.model}
 * @param group a section the setting may also be nested in ({@code codestral.pacing.debounceMs});
 *     null when it is only written one way
 * @param type the values it takes
 * @param description one or two sentences for an editor's settings page
 * @param fromEnvironment whether its default comes from the environment; then an empty string means
 *     "not set" and editors offer an empty default
 * @param current reads the value in force (its default, from the default settings)
 * @param apply puts a value that {@code type} accepted into a builder
 */
record Setting(
    String name,
    String group,
    ValueType type,
    String description,
    boolean fromEnvironment,
    Function<Settings, Object> current,
    BiConsumer<Settings.Builder, Object> apply) {

  /** The name the user writes: {@code codestral.maxTokens}. */
  String fullName() {
    return "codestral." + name;
  }

  /** The section it is nested in by its name ({@code chat} for {@code chat.model}), or null. */
  String parent() {
    int dot = name.indexOf('.');
    return dot < 0 ? null : name.substring(0, dot);
  }

  /** The key within its section: {@code model} for {@code chat.model}. */
  String key() {
    return name.substring(name.indexOf('.') + 1);
  }
}
