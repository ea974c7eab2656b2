package codestral.lsp.config;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The settings in force, swapped atomically when the client sends new ones. Readers take one {@link
 * Settings} value and use it for a whole request, so a request never mixes two versions.
 */
public final class CurrentSettings implements Supplier<Settings> {
  private final AtomicReference<Settings> current;

  public CurrentSettings(Settings initial) {
    this.current = new AtomicReference<>(initial);
  }

  @Override
  public Settings get() {
    return current.get();
  }

  /**
   * Applies a settings object from the client on top of the settings in force.
   *
   * @return the problems found; the values they name keep their previous setting
   */
  public List<String> apply(Object clientSettings) {
    SettingsParser.Result result = SettingsParser.parse(current.get(), clientSettings);
    current.set(result.settings());
    return result.problems();
  }

  /** Applies a change computed by the server itself (a key from {@code apiKeyCommand}). */
  public void update(java.util.function.UnaryOperator<Settings> change) {
    current.updateAndGet(change);
  }
}
