package codestral.lsp.cache;

import codestral.lsp.backend.FimRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What the cache keys an answer by: everything that determines it, with the window's text (the
 * prompt tail and the suffix head, thousands of chars) replaced by its lengths and a SHA-256
 * digest, so that a cached answer, a line or two, keeps no window of ten to twenty kilobytes alive.
 *
 * @param windowDigest SHA-256 of the prompt and the suffix, told apart by their lengths
 */
record RequestKey(
    String model,
    int maxTokens,
    double temperature,
    List<String> stop,
    int promptLength,
    int suffixLength,
    String windowDigest) {

  static RequestKey of(FimRequest request) {
    MessageDigest sha256 = sha256();
    sha256.update(request.prompt().getBytes(StandardCharsets.UTF_8));
    sha256.update(request.suffix().getBytes(StandardCharsets.UTF_8));
    return new RequestKey(
        request.model(),
        request.maxTokens(),
        request.temperature(),
        request.stop(),
        request.prompt().length(),
        request.suffix().length(),
        HexFormat.of().formatHex(sha256.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
