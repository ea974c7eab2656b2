package codestral.lsp.backend;

import codestral.lsp.config.Settings;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The backend callers see: it hands each call to the provider the settings name at that moment, so
 * switching {@code codestral.provider} takes effect on the next request, without a restart, and
 * everything above (cache, cancellation, post-processing, status) stays provider-blind.
 */
public final class ProviderSwitch implements FimBackend, ChatBackend {
  private final Supplier<Settings> settings;
  private final Map<Settings.Provider, FimBackend> fim;
  private final Map<Settings.Provider, ChatBackend> chat;

  /**
   * @param fim a FIM backend for every provider
   * @param chat a chat backend for every provider
   * @throws IllegalArgumentException when a provider has no backend, so a gap fails at start-up
   *     rather than on the user's first request
   */
  public ProviderSwitch(
      Supplier<Settings> settings,
      Map<Settings.Provider, FimBackend> fim,
      Map<Settings.Provider, ChatBackend> chat) {
    this.settings = settings;
    this.fim = new EnumMap<>(fim);
    this.chat = new EnumMap<>(chat);
    for (Settings.Provider provider : Settings.Provider.values()) {
      if (!this.fim.containsKey(provider) || !this.chat.containsKey(provider)) {
        throw new IllegalArgumentException("no backend for provider " + provider.settingName());
      }
    }
  }

  @Override
  public CompletableFuture<FimResult> complete(FimRequest request) {
    return fim.get(settings.get().provider()).complete(request);
  }

  /** Streaming goes straight to the provider, so a switch never costs the early stop. */
  @Override
  public CompletableFuture<FimResult> complete(FimRequest request, FimStreamListener listener) {
    return fim.get(settings.get().provider()).complete(request, listener);
  }

  @Override
  public CompletableFuture<Void> warmUp() {
    return fim.get(settings.get().provider()).warmUp();
  }

  @Override
  public CompletableFuture<ChatResult> chat(ChatRequest request, ChatDeltas deltas) {
    return chat.get(settings.get().provider()).chat(request, deltas);
  }
}
