package codestral.lsp.prompt;

/**
 * Estimates how many tokens Codestral will count for a text, without its tokenizer, and learns from
 * the counts the API reports.
 *
 * <p>The estimate is a weighted count of characters by class (ASCII letters, digits, spaces, line
 * breaks, tabs, punctuation, other scripts, CJK, surrogate halves). The weights were fitted on
 * Java, Python, JavaScript, C and shell files against the {@code codestral-2405} vocabulary (see
 * docs/how-it-works.md, "Prompt window and token budget"): the mean error there is about 4%, the
 * worst about 13% under. Newer Codestral releases may use another vocabulary, so every answer's
 * {@code usage.prompt_tokens} is fed back through {@link #observe} and a correction factor follows
 * it.
 *
 * <p>Because the estimate is a sum over characters, a window can be grown one character at a time
 * at a known cost, which is what keeps building a window O(window).
 *
 * <p>Thread-safe: the correction factor is one volatile value, and callers take an immutable {@link
 * Rate} for a whole request so a window never mixes two factors.
 */
public final class TokenEstimator {
  /** Tokens per character of each class, in thousandths. */
  private static final int LETTER = 190;

  private static final int DIGIT = 1380;
  private static final int SPACE = 75;
  private static final int LINE_BREAK = 3100;
  private static final int TAB = 2800;
  private static final int PUNCTUATION = 545;
  private static final int OTHER_SCRIPT = 800;
  private static final int CJK = 1100;
  private static final int SURROGATE = 2000;

  /** Extra room kept on top of the corrected estimate, against the error of the weights. */
  public static final double SAFETY_MARGIN = 0.10;

  /** How much one observation moves the correction factor (exponential moving average). */
  private static final double LEARNING_RATE = 0.2;

  /** The correction never goes beyond these: one odd answer must not ruin the budget. */
  private static final double MIN_FACTOR = 0.5;

  private static final double MAX_FACTOR = 2.0;

  /** Below this many tokens an observation says more about fixed overheads than about text. */
  private static final int MIN_OBSERVED_TOKENS = 64;

  private volatile double factor = 1.0;
  private volatile long observations;

  /** The rate in force now, fixed for the caller's whole request. */
  public Rate rate() {
    return new Rate(factor * (1 + SAFETY_MARGIN));
  }

  /** The correction factor learned so far (1 means the weights were right). */
  public double correction() {
    return factor;
  }

  /** How many reported counts were taken into account. */
  public long observations() {
    return observations;
  }

  /**
   * Learns from one answer: {@code rawEstimate} is {@link Rate#rawTokens} of the text that was
   * sent, {@code reportedPromptTokens} the {@code usage.prompt_tokens} the API answered. Unknown
   * (negative) or tiny counts are ignored.
   */
  public void observe(double rawEstimate, int reportedPromptTokens) {
    if (reportedPromptTokens < MIN_OBSERVED_TOKENS || rawEstimate < MIN_OBSERVED_TOKENS) {
      return;
    }
    double ratio = reportedPromptTokens / rawEstimate;
    synchronized (this) {
      double next = factor + LEARNING_RATE * (ratio - factor);
      factor = Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, next));
      observations++;
    }
  }

  /** Cost of each ASCII character, looked up rather than branched on: this is the hot loop. */
  private static final int[] ASCII = new int[128];

  static {
    for (char c = 0; c < 128; c++) {
      int cost;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        cost = LETTER;
      } else if (c >= '0' && c <= '9') {
        cost = DIGIT;
      } else if (c == ' ') {
        cost = SPACE;
      } else if (c == '\n' || c == '\r') {
        cost = LINE_BREAK;
      } else if (c == '\t') {
        cost = TAB;
      } else {
        cost = PUNCTUATION;
      }
      ASCII[c] = cost;
    }
  }

  /** Cost of one UTF-16 unit, in thousandths of a raw (uncorrected) token. */
  static int milliTokens(char c) {
    if (c < 128) {
      return ASCII[c];
    }
    if (Character.isSurrogate(c)) {
      return SURROGATE;
    }
    return c < 0x3000 ? OTHER_SCRIPT : CJK;
  }

  /** Raw cost of a range of a text, in thousandths of a token. */
  static long milliTokens(CharSequence text, int start, int end) {
    if (text instanceof String) {
      return milliTokens((String) text, start, end);
    }
    long sum = 0;
    for (int i = start; i < end; i++) {
      sum += milliTokens(text.charAt(i));
    }
    return sum;
  }

  /**
   * The same for a string, read in blocks into an array: a window is thousands of chars, and a loop
   * over an array is several times faster than one {@code charAt} call per char.
   */
  static long milliTokens(String text, int start, int end) {
    char[] block = new char[Math.min(BLOCK, Math.max(0, end - start))];
    long sum = 0;
    for (int from = start; from < end; from += BLOCK) {
      int to = Math.min(end, from + BLOCK);
      text.getChars(from, to, block, 0);
      sum += milliTokens(block, 0, to - from);
    }
    return sum;
  }

  /** Raw cost of chars of an array, in thousandths of a token. */
  static long milliTokens(char[] chars, int start, int end) {
    long sum = 0;
    for (int i = start; i < end; i++) {
      sum += milliTokens(chars[i]);
    }
    return sum;
  }

  private static final int BLOCK = 4_096;

  /**
   * A fixed conversion from text to tokens: the weights times the correction and the margin.
   * Immutable, so one request uses one rate from start to end.
   */
  public static final class Rate {
    private final double scale;

    Rate(double scale) {
      this.scale = scale;
    }

    /** A rate with the given correction factor, for tests and benchmarks. */
    public static Rate of(double correction) {
      return new Rate(correction * (1 + SAFETY_MARGIN));
    }

    /** The estimate to budget with: corrected, with the safety margin, rounded up. */
    public int tokens(CharSequence text) {
      return tokensOfMilli(milliTokens(text, 0, text.length()));
    }

    /** The uncorrected estimate, the one {@link TokenEstimator#observe} compares with reality. */
    public double rawTokens(CharSequence text) {
      return milliTokens(text, 0, text.length()) / 1000.0;
    }

    int tokensOfMilli(long milli) {
      return (int) Math.ceil(milli * scale / 1000.0 - 1e-9);
    }

    /** The most raw thousandths whose budgeted estimate stays within {@code tokens}. */
    long milliBudget(int tokens) {
      if (tokens <= 0) {
        return 0;
      }
      long milli = (long) Math.floor(tokens * 1000.0 / scale);
      // Floating point can land one unit over; step back until the estimate fits.
      while (milli > 0 && tokensOfMilli(milli) > tokens) {
        milli--;
      }
      return milli;
    }
  }
}
