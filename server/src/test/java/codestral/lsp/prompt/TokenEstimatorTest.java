package codestral.lsp.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
  private static final String JAVA =
      "  /** The current snapshot of a document, if it is open. */\n"
          + "  public Optional<DocumentSnapshot> get(String uri) {\n"
          + "    return Optional.ofNullable(documents.get(uri));\n"
          + "  }\n";

  @Test
  void anEmptyTextCostsNothing() {
    assertThat(new TokenEstimator().rate().tokens("")).isZero();
  }

  @Test
  void codeCostsAboutOneTokenPerThreeToFourCharactersWithTheMarginOnTop() {
    // The weights were fitted to ~3.7 characters per token for Java on Codestral's vocabulary.
    TokenEstimator.Rate rate = new TokenEstimator().rate();
    double charsPerToken = (double) JAVA.length() / rate.tokens(JAVA);
    assertThat(charsPerToken).isBetween(2.8, 4.0);
    assertThat(rate.tokens(JAVA))
        .isEqualTo((int) Math.ceil(rate.rawTokens(JAVA) * (1 + TokenEstimator.SAFETY_MARGIN)));
  }

  @Test
  void digitsLineBreaksAndOtherScriptsCostMoreThanLetters() {
    TokenEstimator.Rate rate = TokenEstimator.Rate.of(1.0);
    assertThat(rate.rawTokens("1234567890")).isGreaterThan(rate.rawTokens("abcdefghij"));
    assertThat(rate.rawTokens("\n\n\n\n")).isGreaterThan(rate.rawTokens("abcd"));
    assertThat(rate.rawTokens("加法加法")).isGreaterThan(rate.rawTokens("abcd"));
    assertThat(rate.rawTokens("😀")).isGreaterThanOrEqualTo(rate.rawTokens("é") * 2);
  }

  @Test
  void reportedCountsPullTheCorrectionTowardsTheirRatio() {
    TokenEstimator estimator = new TokenEstimator();
    for (int i = 0; i < 50; i++) {
      estimator.observe(1000, 800); // the tokenizer counts 20% fewer tokens than estimated
    }
    assertThat(estimator.correction()).isCloseTo(0.8, within(0.01));
    assertThat(estimator.observations()).isEqualTo(50);
    int corrected = estimator.rate().tokens(JAVA);
    assertThat(corrected).isLessThan(new TokenEstimator().rate().tokens(JAVA));
  }

  @Test
  void oneObservationMovesTheCorrectionOnlyPartway() {
    TokenEstimator estimator = new TokenEstimator();
    estimator.observe(1000, 2000);
    assertThat(estimator.correction()).isCloseTo(1.2, within(1e-9));
  }

  @Test
  void theCorrectionIsClampedSoAnOddAnswerCannotRuinTheBudget() {
    TokenEstimator estimator = new TokenEstimator();
    for (int i = 0; i < 100; i++) {
      estimator.observe(100, 100_000);
    }
    assertThat(estimator.correction()).isEqualTo(2.0);
    for (int i = 0; i < 100; i++) {
      estimator.observe(100_000, 100);
    }
    assertThat(estimator.correction()).isEqualTo(0.5);
  }

  @Test
  void unknownAndTinyCountsAreIgnored() {
    TokenEstimator estimator = new TokenEstimator();
    estimator.observe(1000, -1);
    estimator.observe(10, 8);
    estimator.observe(1000, 20);
    assertThat(estimator.correction()).isEqualTo(1.0);
    assertThat(estimator.observations()).isZero();
  }

  @Test
  void theMilliBudgetIsTheLargestThatStillFits() {
    TokenEstimator.Rate rate = TokenEstimator.Rate.of(1.37);
    for (int tokens = 0; tokens < 2000; tokens += 13) {
      long milli = rate.milliBudget(tokens);
      assertThat(rate.tokensOfMilli(milli)).isLessThanOrEqualTo(tokens);
      assertThat(rate.tokensOfMilli(milli + 2)).isGreaterThanOrEqualTo(tokens);
    }
  }
}
