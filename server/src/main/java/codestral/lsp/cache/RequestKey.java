package codestral.lsp.cache;

import codestral.lsp.backend.FimRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the cache keys an answer by: everything that determines it, with the window's text (the
 * prompt tail and the suffix head, thousands of chars) replaced by its lengths and a 128-bit
 * fingerprint.
 *
 * <p>Why not the request itself: a key holding its window keeps ten to twenty kilobytes alive for
 * as long as the answer is cached. A cache of a few hundred answers then held megabytes, which the
 * collector copied into the old generation and had to reclaim there with a full pause of 20–30 ms
 * every few hundred completions (LatencyBenchmark with {@code -Xlog:gc}: 34 full pauses in 8,500
 * completions with window keys, 6–9 with fingerprints, most of them during start-up). An answer
 * is a line or two; its key is now as small.
 *
 * <p>The fingerprint is MurmurHash3's 128-bit (x64) mixing over the chars, eight to a block, with
 * the prompt and the suffix told apart by their lengths. Two different windows share a key only if
 * all 128 bits collide: for the few thousand answers a cache holds, about 2<sup>-100</sup>. The text
 * is the user's own code, not an adversary's, so a fast non-cryptographic hash is enough (SHA-256
 * costs four times as much without the JIT's top tier, which the launcher leaves out).
 */
final class RequestKey {
  private static final long MULTIPLIER_ONE = 0x87C37B91114253D5L;
  private static final long MULTIPLIER_TWO = 0x4CF5AD432745937FL;
  /** Chars copied out of a string per step: a bulk copy, where charAt per char is a call in C1. */
  private static final int CHUNK = 512;

  private final String model;
  private final int maxTokens;
  private final double temperature;
  private final List<String> stop;
  private final int promptLength;
  private final int suffixLength;
  private final long fingerprintOne;
  private final long fingerprintTwo;

  private RequestKey(FimRequest request, long fingerprintOne, long fingerprintTwo) {
    this.model = request.model();
    this.maxTokens = request.maxTokens();
    this.temperature = request.temperature();
    this.stop = request.stop();
    this.promptLength = request.prompt().length();
    this.suffixLength = request.suffix().length();
    this.fingerprintOne = fingerprintOne;
    this.fingerprintTwo = fingerprintTwo;
  }

  static RequestKey of(FimRequest request) {
    Fingerprint fingerprint = new Fingerprint();
    fingerprint.add(request.prompt());
    fingerprint.add(request.suffix());
    fingerprint.finish(request.prompt().length(), request.suffix().length());
    return new RequestKey(request, fingerprint.one, fingerprint.two);
  }

  /**
   * MurmurHash3 x64 128 over a stream of chars: each block of eight chars (two 64-bit halves) is
   * mixed into two lanes; a last partial block is padded with zeros, and the lengths are mixed in
   * at the end, so texts that differ only by trailing zero chars or by where the prompt ends still
   * differ.
   */
  private static final class Fingerprint {
    private final char[] chunk = new char[CHUNK];
    /** The chars of a block not yet mixed, when a text's length is not a multiple of eight. */
    private final char[] block = new char[8];
    private int pending;
    long one;
    long two;

    void add(String text) {
      for (int start = 0; start < text.length(); start += CHUNK) {
        int end = Math.min(text.length(), start + CHUNK);
        text.getChars(start, end, chunk, 0);
        int count = end - start;
        int at = 0;
        while (pending > 0 && at < count) {
          block[pending++] = chunk[at++];
          if (pending == 8) {
            mixBlock(block, 0);
            pending = 0;
          }
        }
        for (; at + 8 <= count; at += 8) {
          mixBlock(chunk, at);
        }
        while (at < count) {
          block[pending++] = chunk[at++];
        }
      }
    }

    void finish(int promptLength, int suffixLength) {
      if (pending > 0) {
        Arrays.fill(block, pending, 8, '\0');
        long low = mixLow(pack(block, 0));
        long high = mixHigh(pack(block, 4));
        one ^= low;
        two ^= high;
      }
      one ^= promptLength;
      two ^= suffixLength;
      one += two;
      two += one;
      one = finalMix(one);
      two = finalMix(two);
      one += two;
      two += one;
    }

    private void mixBlock(char[] chars, int at) {
      one ^= mixLow(pack(chars, at));
      one = Long.rotateLeft(one, 27) + two;
      one = one * 5 + 0x52DCE729;
      two ^= mixHigh(pack(chars, at + 4));
      two = Long.rotateLeft(two, 31) + one;
      two = two * 5 + 0x38495AB5;
    }

    private static long pack(char[] chars, int at) {
      return chars[at]
          | (long) chars[at + 1] << 16
          | (long) chars[at + 2] << 32
          | (long) chars[at + 3] << 48;
    }

    private static long mixLow(long half) {
      return Long.rotateLeft(half * MULTIPLIER_ONE, 31) * MULTIPLIER_TWO;
    }

    private static long mixHigh(long half) {
      return Long.rotateLeft(half * MULTIPLIER_TWO, 33) * MULTIPLIER_ONE;
    }

    /** Every input bit reaches every output bit. */
    private static long finalMix(long h) {
      h ^= h >>> 33;
      h *= 0xFF51AFD7ED558CCDL;
      h ^= h >>> 33;
      h *= 0xC4CEB9FE1A85EC53L;
      h ^= h >>> 33;
      return h;
    }
  }

  // Written out, not a record: a record's generated equals and hashCode are bootstrapped through
  // method handles on first use, which the first completion would wait for.
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RequestKey)) {
      return false;
    }
    RequestKey that = (RequestKey) other;
    return fingerprintOne == that.fingerprintOne
        && fingerprintTwo == that.fingerprintTwo
        && promptLength == that.promptLength
        && suffixLength == that.suffixLength
        && maxTokens == that.maxTokens
        && Double.compare(temperature, that.temperature) == 0
        && Objects.equals(model, that.model)
        && Objects.equals(stop, that.stop);
  }

  @Override
  public int hashCode() {
    // The fingerprint already spreads; the settings only need to take part.
    return (Long.hashCode(fingerprintOne) * 31 + Objects.hashCode(model)) * 31 + maxTokens;
  }

  @Override
  public String toString() {
    // Never the text: it is the user's code.
    return "RequestKey[" + model + ", " + promptLength + "+" + suffixLength + " chars, "
        + Long.toHexString(fingerprintOne) + Long.toHexString(fingerprintTwo) + "]";
  }
}
