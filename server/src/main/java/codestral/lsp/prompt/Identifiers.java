package codestral.lsp.prompt;

import java.util.List;

/**
 * The identifiers of a piece of code, and how alike two sets of them are: the cheap relevance
 * measure Copilot's "neighboring tabs" popularised (Jaccard similarity over sliding windows),
 * language-agnostic and fast enough to run on every request.
 *
 * <p>A set holds the identifiers' 64-bit hashes in an open-addressing table, not strings: the
 * context of three neighbours scores dozens of windows on every completion, and under C1 (the
 * server's only compiler) a {@code HashSet} of substrings cost about 100 ns per char of text
 * (docs/performance.md, "Prompt window"). Two identifiers share a hash with a probability of about
 * 2<sup>-64</sup>; at worst a window's score moves a little.
 */
final class Identifiers {
  private static final byte NONE = 0;
  /** A digit: inside an identifier, never first. */
  private static final byte PART = 1;
  /** A letter, {@code _} or {@code $}. */
  private static final byte START = 2;

  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      if (Character.isLetter(c) || c == '_' || c == '$') {
        ASCII[c] = START;
      } else if (Character.isDigit(c)) {
        ASCII[c] = PART;
      }
    }
  }

  private static final long FNV_OFFSET = 0xCBF29CE484222325L;
  private static final long FNV_PRIME = 0x100000001B3L;

  /** Keywords of common languages: shared by all code, they say nothing about relevance. */
  private static final Set STOP_WORDS =
      Set.ofWords(
          List.of(
              "if", "else", "for", "while", "do", "return", "break", "continue", "switch", "case",
              "default", "try", "catch", "finally", "throw", "throws", "new", "this", "self", "super",
              "class", "interface", "enum", "struct", "public", "private", "protected", "static",
              "final", "const", "let", "var", "val", "fun", "func", "function", "def", "fn", "void",
              "int", "long", "double", "float", "bool", "boolean", "char", "string", "String",
              "true", "false", "null", "nil", "None", "True", "False", "import", "from", "package",
              "export", "as", "in", "is", "not", "and", "or", "async", "await", "yield", "with",
              "pass", "lambda", "end", "then", "elif", "local", "use", "mod", "pub", "impl", "type",
              "the", "to", "of", "a", "an", "it"));

  private Identifiers() {}

  /**
   * The distinct identifiers of at least two characters, keywords left out. An identifier starts
   * with a letter, {@code _} or {@code $} and goes on with those and digits.
   */
  static Set of(String text) {
    // One bulk copy: in C1's code a charAt per char is a call.
    char[] chars = text.toCharArray();
    Set result = new Set(chars.length / 8);
    int i = 0;
    while (i < chars.length) {
      if (!isStart(chars[i])) {
        i++;
        continue;
      }
      int start = i;
      long hash = FNV_OFFSET;
      do {
        hash = withChar(hash, chars[i]);
        i++;
      } while (i < chars.length && isPart(chars[i]));
      if (i - start >= 2 && !STOP_WORDS.contains(hash)) {
        result.add(hash);
      }
    }
    return result;
  }

  /** Jaccard similarity: shared identifiers over all identifiers, 0 when either is empty. */
  static double similarity(Set a, Set b) {
    if (a.size == 0 || b.size == 0) {
      return 0;
    }
    Set smaller = a.size <= b.size ? a : b;
    Set larger = smaller == a ? b : a;
    int shared = 0;
    for (long hash : smaller.slots) {
      if (hash != EMPTY && larger.contains(hash)) {
        shared++;
      }
    }
    return (double) shared / (a.size + b.size - shared);
  }

  /** One step of FNV-1a over UTF-16 units; small enough for C1 to inline into the loops. */
  private static long withChar(long hash, char c) {
    return (hash ^ c) * FNV_PRIME;
  }

  private static boolean isStart(char c) {
    return c < 128 ? ASCII[c] == START : Character.isLetter(c);
  }

  private static boolean isPart(char c) {
    return c < 128 ? ASCII[c] != NONE : Character.isLetterOrDigit(c);
  }

  /** Marks a free slot; a hash that happens to be 0 is stored as 1. */
  private static final long EMPTY = 0;

  /** A set of identifier hashes: linear probing in a table at most half full. */
  static final class Set {
    private long[] slots;
    private int size;

    private Set(int expected) {
      slots = new long[Math.max(16, Integer.highestOneBit(Math.max(1, expected) * 2) * 2)];
    }

    private static Set ofWords(List<String> words) {
      Set set = new Set(words.size());
      for (String word : words) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < word.length(); i++) {
          hash = withChar(hash, word.charAt(i));
        }
        set.add(hash);
      }
      return set;
    }

    /** How many distinct identifiers. */
    int size() {
      return size;
    }

    boolean contains(long hash) {
      long key = hash == EMPTY ? 1 : hash;
      int mask = slots.length - 1;
      for (int i = index(key, mask); ; i = (i + 1) & mask) {
        long slot = slots[i];
        if (slot == key) {
          return true;
        }
        if (slot == EMPTY) {
          return false;
        }
      }
    }

    private void add(long hash) {
      long key = hash == EMPTY ? 1 : hash;
      int mask = slots.length - 1;
      int i = index(key, mask);
      while (slots[i] != EMPTY) {
        if (slots[i] == key) {
          return;
        }
        i = (i + 1) & mask;
      }
      slots[i] = key;
      if (++size * 2 > slots.length) {
        grow();
      }
    }

    private void grow() {
      long[] old = slots;
      slots = new long[old.length * 2];
      size = 0;
      for (long key : old) {
        if (key != EMPTY) {
          add(key);
        }
      }
    }

    /** FNV-1a leaves its high bits weak: the table index is taken from bits mixed down. */
    private static int index(long key, int mask) {
      return (int) (key ^ (key >>> 29) ^ (key >>> 47)) & mask;
    }
  }
}
