package codestral.lsp.cache;

import java.util.function.Supplier;

/**
 * A value built once, by the first thread that asks for it: the one memoizing supplier of the
 * server, for whatever start-up should not pay for. The caches here keep their Caffeine cache in
 * one (building the first Caffeine cache loads some 120 classes, through reflection, work that
 * neither the {@code initialize} answer nor the first completion should wait for; the warm-up
 * builds them in the background instead); the composition root keeps its HTTP client, JSON mapper
 * and providers in them.
 */
public final class BuiltOnFirstUse<T> implements Supplier<T> {
  private final Supplier<T> factory;
  private volatile T value;

  /** {@code factory} runs at most once, and must not return null. */
  public BuiltOnFirstUse(Supplier<T> factory) {
    this.factory = factory;
  }

  @Override
  public T get() {
    T built = value;
    if (built == null) {
      synchronized (this) {
        built = value;
        if (built == null) {
          built = factory.get();
          value = built;
        }
      }
    }
    return built;
  }
}
