package codestral.lsp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Identifier sets as sorted hashes must score windows exactly as sets of the words would. */
class IdentifiersTest {
  private static final Set<String> KEYWORDS = Set.of("if", "return", "def", "int", "self", "None");

  @Test
  void identifiersAreWordsOfTwoOrMoreCharsThatAreNotKeywords() {
    Set<String> found =
        Identifiers.of("def total_sum(self, $items, a, b2): return 9abc if x else naïve");

    // total_sum, $items, b2, abc (the 9 is not part of it), naïve; not def, self, a, return, if, x.
    assertThat(found.size()).isEqualTo(5);
    assertThat(Identifiers.similarity(found, Identifiers.of("total_sum $items b2 abc naïve")))
        .isEqualTo(1.0);
  }

  @Test
  void aWordCountsOnceAndOrderDoesNotMatter() {
    Set<String> twice = Identifiers.of("alpha beta alpha");

    assertThat(twice.size()).isEqualTo(2);
    assertThat(Identifiers.similarity(twice, Identifiers.of("beta alpha"))).isEqualTo(1.0);
  }

  @Test
  void similarityIsSharedOverAll() {
    Set<String> abc = Identifiers.of("alpha beta gamma");
    Set<String> bcd = Identifiers.of("beta gamma delta");

    assertThat(Identifiers.similarity(abc, bcd)).isEqualTo(2.0 / 4);
    assertThat(Identifiers.similarity(abc, abc)).isEqualTo(1.0);
    assertThat(Identifiers.similarity(abc, Identifiers.of("omega"))).isZero();
    assertThat(Identifiers.similarity(abc, Identifiers.of("if return"))).isZero();
  }

  @Property(tries = 500)
  void scoresAreThoseOfTheWordSets(@ForAll("code") String a, @ForAll("code") String b) {
    Set<String> wordsOfA = words(a);
    Set<String> wordsOfB = words(b);

    assertThat(Identifiers.of(a).size()).isEqualTo(wordsOfA.size());
    assertThat(Identifiers.similarity(Identifiers.of(a), Identifiers.of(b)))
        .isEqualTo(jaccard(wordsOfA, wordsOfB));
  }

  @Test
  void aSetGrowsPastItsFirstTable() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("name").append(i).append(' ');
    }

    Set<String> many = Identifiers.of(text.toString());

    assertThat(many.size()).isEqualTo(5_000);
    assertThat(Identifiers.similarity(many, Identifiers.of("name0 name4999 other")))
        .isEqualTo(2.0 / 5_001);
  }

  @Provide
  Arbitrary<String> code() {
    return Arbitraries.of(
            "count", "count2", "_tmp", "$el", "x", "é", "naïve", "名前", "if", "return", "self",
            "None", "42", " ", "(", ")", ".", "\n", "\t", "=", "𝑥")
        .list()
        .ofMaxSize(60)
        .map(parts -> String.join("", parts));
  }

  /** The words as the server took them when it kept sets of strings. */
  private static Set<String> words(String text) {
    Set<String> result = new HashSet<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i))
                || text.charAt(i) == '_'
                || text.charAt(i) == '$')) {
          i++;
        }
        String word = text.substring(start, i);
        if (word.length() >= 2 && !KEYWORDS.contains(word)) {
          result.add(word);
        }
      } else {
        i++;
      }
    }
    return result;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> shared = new HashSet<>(a);
    shared.retainAll(b);
    return (double) shared.size() / (a.size() + b.size() - shared.size());
  }
}
