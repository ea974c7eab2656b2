package codestral.lsp.config;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Codestral API's base URL as the user wrote it, made into the form the clients append {@code
 * /v1/fim/completions} to: no trailing slash, and no trailing {@code /v1} (a URL copied from the
 * API's documentation would otherwise be called as {@code /v1/v1/fim/completions} and fail with a
 * 404). The {@code /v1} dropped is said once per process, as a warning, so the user can fix it.
 */
final class BaseUrl {
  private static final Logger LOG = System.getLogger(BaseUrl.class.getName());
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private BaseUrl() {}

  /**
   * @param url what the user set
   * @param source where it was set ({@code CODESTRAL_ENDPOINT}, {@code codestral.endpoint}), for
   *     the warning
   */
  static String of(String url, String source) {
    String base = Settings.stripTrailingSlash(url.strip());
    if (!base.endsWith("/v1")) {
      return base;
    }
    String stripped =
        Settings.stripTrailingSlash(base.substring(0, base.length() - "/v1".length()));
    if (WARNED.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "{0} ends with /v1: using {1} (the server appends /v1/fim/completions itself)",
          source,
          ApiKey.mask(stripped));
    }
    return stripped;
  }
}
