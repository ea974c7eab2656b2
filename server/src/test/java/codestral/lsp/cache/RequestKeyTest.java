package codestral.lsp.cache;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.backend.FimRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestKeyTest {
  private static FimRequest request(String prompt, String suffix) {
    return new FimRequest("codestral-latest", prompt, suffix, 64, 0.2, List.of("\n\n"));
  }

  @Test
  void equalRequestsHaveEqualKeys() {
    String prompt = "import os\n".repeat(500) + "value = ";
    RequestKey one = RequestKey.of(request(prompt, "\nprint(value)\n"));
    RequestKey two = RequestKey.of(request(new String(prompt.toCharArray()), "\nprint(value)\n"));

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
  }

  @Test
  void everySettingThatShapesTheAnswerTakesPart() {
    FimRequest base = request("x = ", "\n");
    assertThat(RequestKey.of(base))
        .isNotEqualTo(
            RequestKey.of(new FimRequest("other-model", "x = ", "\n", 64, 0.2, List.of("\n\n"))))
        .isNotEqualTo(
            RequestKey.of(
                new FimRequest("codestral-latest", "x = ", "\n", 65, 0.2, List.of("\n\n"))))
        .isNotEqualTo(
            RequestKey.of(
                new FimRequest("codestral-latest", "x = ", "\n", 64, 0.3, List.of("\n\n"))))
        .isNotEqualTo(
            RequestKey.of(new FimRequest("codestral-latest", "x = ", "\n", 64, 0.2, List.of("\n"))))
        .isNotEqualTo(RequestKey.of(request("x =", " \n")));
  }

  @Test
  void nearlyEqualWindowsNeverShareAKey() {
    // Code windows differ from one keystroke to the next by a char or two: the worst case for a
    // weak hash. Every one-char replacement and insertion at every place of a window.
    String window = "    for item in items:\n        total += item.price * item.count\n".repeat(40);
    Map<RequestKey, String> windows = new HashMap<>();
    Set<Integer> hashCodes = new HashSet<>();
    for (int at = 0; at < window.length(); at++) {
      for (char c : new char[] {'a', ' ', '\n', '7'}) {
        for (String edited :
            List.of(
                window.substring(0, at) + c + window.substring(at + 1),
                window.substring(0, at) + c + window.substring(at))) {
          RequestKey key = RequestKey.of(request(edited, "\n"));
          String earlier = windows.putIfAbsent(key, edited);
          assertThat(earlier == null || earlier.equals(edited))
              .as("a collision at %d", at)
              .isTrue();
          hashCodes.add(key.hashCode());
        }
      }
    }

    assertThat(windows).hasSizeGreaterThan(15_000);
    assertThat(hashCodes).as("hash codes spread").hasSizeGreaterThan(windows.size() * 99 / 100);
  }

  @Test
  void everyCharOfTheSuffixTakesPartToo() {
    // A change anywhere in the suffix, the last char included, is a different key.
    String prompt = "total = ";
    String suffix = "\n    return total\n".repeat(30) + "# end";
    Set<RequestKey> keys = new HashSet<>();
    keys.add(RequestKey.of(request(prompt + "x", suffix)));
    for (int at = 0; at < suffix.length(); at++) {
      keys.add(
          RequestKey.of(
              request(prompt + "x", suffix.substring(0, at) + '\0' + suffix.substring(at + 1))));
    }

    assertThat(keys).hasSize(suffix.length() + 1);
  }
}
