package codestral.lsp.bench;

import java.util.Random;

/** Deterministic, code-like texts of a given size for the benchmarks. */
final class SampleDocuments {
  private static final String[] LINES = {
    "    def handle(self, request):",
    "        value = self.cache.get(request.key, default=None)  # look-up first",
    "        if value is None:",
    "            return self.backend.fetch(request)",
    "",
    "class Handler(Base):",
    "    \"\"\"Serves one kind of request; raises KeyError when the key is unknown.\"\"\"",
    "        total += item.price * item.quantity",
    "    for index, item in enumerate(items):",
    "        print(f\"{index}: {item!r}\")",
  };

  private SampleDocuments() {}

  /**
   * About {@code chars} chars of Python-looking lines; one line in {@code unicodeEvery} carries a
   * CJK word and an emoji (0 for pure ASCII).
   */
  static String code(int chars, int unicodeEvery, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(chars + 200);
    int line = 0;
    while (text.length() < chars) {
      text.append(LINES[random.nextInt(LINES.length)]);
      if (unicodeEvery > 0 && line % unicodeEvery == 0) {
        text.append("  # 注释 😀 ").append(line);
      }
      text.append('\n');
      line++;
    }
    return text.toString();
  }
}
