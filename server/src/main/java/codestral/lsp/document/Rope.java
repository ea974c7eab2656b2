package codestral.lsp.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An immutable text as a balanced tree of string chunks: the storage behind {@link
 * DocumentSnapshot}.
 *
 * <p>Every edit builds a new tree that shares all untouched nodes with the old one, so an edit
 * costs O(log n + chunk) and keeping the old version costs nothing. Each node caches the UTF-16
 * length, the line-break count and the UTF-8 and code-point lengths of its text, so that line,
 * offset and position arithmetic descends the tree once instead of scanning the text.
 *
 * <p>The tree is an AVL tree of concatenation nodes (rebalanced by the join operation of Blelloch
 * et al., "Just Join for Parallel Ordered Sets"). Two invariants keep the cached counts additive:
 * no chunk boundary falls between the {@code \r} and {@code \n} of a CRLF (else one break would be
 * counted twice), and none falls between the halves of a surrogate pair (else one code point would
 * be counted twice). A lone surrogate counts as one code point of three UTF-8 bytes, as {@link
 * PositionEncoding#width} says.
 */
final class Rope {
  /**
   * Largest chunk an edit leaves behind by default: an edit copies about this many chars, and a
   * line or offset query scans at most one chunk. 1 KiB keeps both well under a microsecond while
   * the tree's own nodes stay a small fraction of the text's memory.
   */
  static final int DEFAULT_MAX_CHUNK = 1024;

  private final Node root;

  /** Largest chunk that edits build; tests make it tiny to get many chunk boundaries. */
  private final int maxChunk;

  private Rope(Node root, int maxChunk) {
    this.root = root;
    this.maxChunk = maxChunk;
  }

  static Rope of(String text) {
    return of(text, DEFAULT_MAX_CHUNK);
  }

  static Rope of(String text, int maxChunk) {
    if (maxChunk < 2) {
      throw new IllegalArgumentException(
          "chunks must hold a surrogate pair or a CRLF: " + maxChunk);
    }
    return new Rope(build(text, maxChunk), maxChunk);
  }

  /** A rope of another text with this rope's chunk size. */
  Rope withText(String text) {
    return new Rope(build(text, maxChunk), maxChunk);
  }

  /** Smaller chunks are merged with a neighbour, so typing cannot fragment the tree. */
  private int minChunk() {
    return Math.max(1, maxChunk / 4);
  }

  int length() {
    return root.chars;
  }

  /** How many line breaks the text holds: one less than its line count. */
  int breaks() {
    return root.breaks;
  }

  /** Height of the tree, for tests of its balance. */
  int height() {
    return root.height;
  }

  char charAt(int offset) {
    if (offset < 0 || offset >= root.chars) {
      throw new IndexOutOfBoundsException("offset " + offset + ", length " + root.chars);
    }
    Node node = root;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (offset < branch.left.chars) {
        node = branch.left;
      } else {
        offset -= branch.left.chars;
        node = branch.right;
      }
    }
    return ((Leaf) node).text.charAt(offset);
  }

  /** The text between two offsets, copied: O(log n + end - start). */
  String text(int start, int end) {
    checkRange(start, end);
    List<String> pieces = new ArrayList<>((end - start) / 512 + 2);
    collectRange(root, start, end, pieces);
    if (pieces.size() <= 1) {
      return pieces.isEmpty() ? "" : pieces.get(0);
    }
    // String.join sizes the result once and hands its array to the string: one copy of the
    // chars, where a StringBuilder's toString() makes a second (a completion's window is tens of
    // kilobytes, and this halves what it allocates).
    return String.join("", pieces);
  }

  /**
   * Copies the chars between two offsets into {@code destination} from {@code destinationStart}:
   * one copy, no string, for scans that read a range char by char.
   */
  void getChars(int start, int end, char[] destination, int destinationStart) {
    checkRange(start, end);
    if (destinationStart < 0 || destinationStart + (end - start) > destination.length) {
      throw new IndexOutOfBoundsException(
          "destination ["
              + destinationStart
              + ", "
              + (destinationStart + end - start)
              + "), length "
              + destination.length);
    }
    copyRange(root, start, end, destination, destinationStart);
  }

  private static void copyRange(Node node, int start, int end, char[] destination, int at) {
    if (start >= end) {
      return;
    }
    if (node instanceof Leaf) {
      ((Leaf) node).text.getChars(start, end, destination, at);
      return;
    }
    Branch branch = (Branch) node;
    int split = branch.left.chars;
    if (start < split) {
      copyRange(branch.left, start, Math.min(end, split), destination, at);
    }
    if (end > split) {
      int from = Math.max(0, start - split);
      copyRange(branch.right, from, end - split, destination, at + Math.max(0, split - start));
    }
  }

  private void checkRange(int start, int end) {
    if (start < 0 || end > root.chars || start > end) {
      throw new IndexOutOfBoundsException(
          "range [" + start + ", " + end + "), length " + root.chars);
    }
  }

  /** The leaves' texts between two offsets, whole where the range covers a leaf whole. */
  private static void collectRange(Node node, int start, int end, List<String> out) {
    if (start >= end) {
      return;
    }
    if (node instanceof Leaf) {
      String text = ((Leaf) node).text;
      out.add(start == 0 && end == text.length() ? text : text.substring(start, end));
      return;
    }
    Branch branch = (Branch) node;
    int split = branch.left.chars;
    if (start < split) {
      collectRange(branch.left, start, Math.min(end, split), out);
    }
    if (end > split) {
      collectRange(branch.right, Math.max(0, start - split), end - split, out);
    }
  }

  /**
   * How many line breaks end at or before the offset: the line that holds it. An offset between the
   * {@code \r} and {@code \n} of a CRLF is still on the line the CRLF ends.
   */
  int lineOf(int offset) {
    Node node = root;
    int line = 0;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (offset < branch.left.chars) {
        node = branch.left;
      } else {
        offset -= branch.left.chars;
        line += branch.left.breaks;
        node = branch.right;
      }
    }
    return line + ((Leaf) node).breaksBefore(offset);
  }

  /** The offset just past the {@code line}-th break (1-based); 0 for line 0. */
  int lineStart(int line) {
    if (line == 0) {
      return 0;
    }
    Node node = root;
    int offset = 0;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (line <= branch.left.breaks) {
        node = branch.left;
      } else {
        line -= branch.left.breaks;
        offset += branch.left.chars;
        node = branch.right;
      }
    }
    return offset + ((Leaf) node).endOfBreak(line);
  }

  /** Offset just past the last char of the line, before its break. */
  int lineEnd(int line) {
    if (line == root.breaks) {
      return root.chars;
    }
    int next = lineStart(line + 1);
    // Step back over the break: "\n", "\r" or "\r\n".
    if (next >= 2 && charAt(next - 1) == '\n' && charAt(next - 2) == '\r') {
      return next - 2;
    }
    return next - 1;
  }

  /**
   * The offset of {@code character} units into an existing line, clamped to the line's end and
   * rounded down to a code point's start.
   *
   * <p>Usually the line starts and ends in one chunk: one descent, then a walk of at most {@code
   * character} units. A line that crosses chunks takes the general path, still O(log n + chunk).
   */
  int offsetAt(int line, int character, PositionEncoding encoding) {
    Node node = root;
    int base = 0;
    int breaks = line;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (breaks <= branch.left.breaks) {
        node = branch.left;
      } else {
        breaks -= branch.left.breaks;
        base += branch.left.chars;
        node = branch.right;
      }
    }
    String chunk = ((Leaf) node).text;
    int i = breaks == 0 ? 0 : ((Leaf) node).endOfBreak(breaks);
    long remaining = character;
    while (i < chunk.length()) {
      char c = chunk.charAt(i);
      if (c == '\n' || c == '\r') {
        return base + i;
      }
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < chunk.length()
              && Character.isLowSurrogate(chunk.charAt(i + 1));
      int width =
          pair ? encoding.width(Character.toCodePoint(c, chunk.charAt(i + 1))) : encoding.width(c);
      if (width > remaining) {
        return base + i;
      }
      remaining -= width;
      i += pair ? 2 : 1;
    }
    if (base + i == root.chars) {
      return root.chars;
    }
    // The line goes on in the next chunk: count units over the whole tree.
    int start = lineStart(line);
    long target = unitsBefore(start, encoding) + character;
    return Math.min(offsetOfUnits(target, encoding), lineEnd(line));
  }

  /**
   * The line and character of an offset in {@code [0, length]}, after moving it off the middle of a
   * surrogate pair or a CRLF.
   */
  TextPosition positionAt(int offset, PositionEncoding encoding) {
    Node node = root;
    int base = 0;
    int line = 0;
    int inChunk = offset;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (inChunk < branch.left.chars) {
        node = branch.left;
      } else {
        inChunk -= branch.left.chars;
        base += branch.left.chars;
        line += branch.left.breaks;
        node = branch.right;
      }
    }
    Leaf leaf = (Leaf) node;
    String chunk = leaf.text;
    // No chunk boundary splits a pair or a CRLF, so rounding looks inside this chunk only.
    if (inChunk > 0
        && inChunk < chunk.length()
        && splitsUnit(chunk.charAt(inChunk - 1), chunk.charAt(inChunk))) {
      inChunk--;
    }
    line += leaf.breaksBefore(inChunk);
    int lineStart = inChunk - 1;
    while (lineStart >= 0 && chunk.charAt(lineStart) != '\n' && chunk.charAt(lineStart) != '\r') {
      lineStart--;
    }
    lineStart++;
    if (lineStart == 0 && base > 0) {
      // The line began in an earlier chunk.
      long units = unitsBefore(base + inChunk, encoding) - unitsBefore(lineStart(line), encoding);
      return new TextPosition(line, (int) units);
    }
    long units = encoding == PositionEncoding.UTF16 ? inChunk - lineStart : 0;
    for (int i = lineStart; i < inChunk && encoding != PositionEncoding.UTF16; ) {
      int codePoint = chunk.codePointAt(i);
      units += encoding.width(codePoint);
      i += Character.charCount(codePoint);
    }
    return new TextPosition(line, (int) units);
  }

  /**
   * How many units of the encoding the text before the offset takes. The offset must not split a
   * surrogate pair (callers round first).
   */
  long unitsBefore(int offset, PositionEncoding encoding) {
    if (encoding == PositionEncoding.UTF16) {
      return offset;
    }
    Node node = root;
    long units = 0;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (offset < branch.left.chars) {
        node = branch.left;
      } else {
        offset -= branch.left.chars;
        units += branch.left.units(encoding);
        node = branch.right;
      }
    }
    return units + ((Leaf) node).unitsBefore(offset, encoding);
  }

  /**
   * The largest offset whose text before it takes at most {@code units} units of the encoding: a
   * count that ends inside a code point rounds down to that code point's start.
   */
  int offsetOfUnits(long units, PositionEncoding encoding) {
    if (units >= root.units(encoding)) {
      return root.chars;
    }
    if (units <= 0) {
      return 0;
    }
    if (encoding == PositionEncoding.UTF16) {
      int offset = (int) units;
      boolean inPair =
          Character.isLowSurrogate(charAt(offset)) && Character.isHighSurrogate(charAt(offset - 1));
      return inPair ? offset - 1 : offset;
    }
    Node node = root;
    int offset = 0;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      long leftUnits = branch.left.units(encoding);
      if (units < leftUnits) {
        node = branch.left;
      } else {
        units -= leftUnits;
        offset += branch.left.chars;
        node = branch.right;
      }
    }
    return offset + ((Leaf) node).offsetOfUnits(units, encoding);
  }

  /**
   * A new rope with {@code [start, end)} replaced by {@code replacement}; this one is unchanged.
   *
   * <p>An edit inside one chunk swaps that chunk ({@link #replaceInsideOneChunk}). Otherwise the
   * edit widens to whole chunks (and to a neighbour chunk when the result would be small or would
   * split a CRLF or a surrogate pair at a chunk boundary), re-chunks that stretch, and joins it
   * between the untouched parts: O(log n + chunk + replacement).
   */
  Rope replace(int start, int end, String replacement) {
    checkRange(start, end);
    if (start == end && replacement.isEmpty()) {
      return this;
    }
    Rope inOneChunk = replaceInsideOneChunk(start, end, replacement);
    if (inOneChunk != null) {
      return inOneChunk;
    }
    int length = root.chars;
    int from = chunkStartBefore(start);
    int to = chunkEndAfter(end);
    String middle = text(from, start) + replacement + text(end, to);
    // Only the right edge can need widening to keep a CRLF or a pair whole: the stretch begins
    // with its first chunk's own first char (from < start whenever start > 0), so the left
    // boundary is one that already held. Small stretches absorb a neighbour on either side.
    boolean widened = true;
    while (widened) {
      widened = false;
      if (from > 0 && middle.length() < minChunk()) {
        int before = chunkStartBefore(from);
        middle = text(before, from) + middle;
        from = before;
        widened = true;
      }
      if (to < length
          && (middle.length() < minChunk() || splitsUnit(lastChar(middle), charAt(to)))) {
        int after = chunkEndAfter(to + 1);
        middle = middle + text(to, after);
        to = after;
        widened = true;
      }
    }
    Node left = prefix(root, from);
    Node right = suffix(root, to);
    return new Rope(join(join(left, build(middle, maxChunk)), right), maxChunk);
  }

  /**
   * The common case, a keystroke: the edit lies in one chunk, which stays within size bounds and
   * keeps its boundaries whole. Swaps that chunk, copying only the path to it; null otherwise.
   */
  private Rope replaceInsideOneChunk(int start, int end, String replacement) {
    int target = Math.max(0, start - 1);
    Node node = root;
    int chunkStart = 0;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (target < branch.left.chars) {
        node = branch.left;
      } else {
        target -= branch.left.chars;
        chunkStart += branch.left.chars;
        node = branch.right;
      }
    }
    String chunk = ((Leaf) node).text;
    int chunkEnd = chunkStart + chunk.length();
    if (end > chunkEnd) {
      return null;
    }
    String middle =
        chunk.substring(0, start - chunkStart) + replacement + chunk.substring(end - chunkStart);
    boolean alone = root == node;
    if (middle.length() > maxChunk || (!alone && middle.length() < minChunk())) {
      return null;
    }
    if (chunkEnd < root.chars && splitsUnit(lastChar(middle), charAt(chunkEnd))) {
      return null;
    }
    return new Rope(replaceChunk(root, chunkStart, Leaf.of(middle)), maxChunk);
  }

  /** Start of the chunk holding the char before {@code offset} (the first chunk for 0). */
  private int chunkStartBefore(int offset) {
    if (offset == 0) {
      return 0;
    }
    int target = offset - 1;
    Node node = root;
    int start = 0;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (target < branch.left.chars) {
        node = branch.left;
      } else {
        target -= branch.left.chars;
        start += branch.left.chars;
        node = branch.right;
      }
    }
    return start;
  }

  /** End of the chunk holding the char before {@code offset} (the first chunk for 0). */
  private int chunkEndAfter(int offset) {
    if (root.chars == 0) {
      return 0;
    }
    int target = Math.max(0, offset - 1);
    Node node = root;
    int start = 0;
    while (node instanceof Branch) {
      Branch branch = (Branch) node;
      if (target < branch.left.chars) {
        node = branch.left;
      } else {
        target -= branch.left.chars;
        start += branch.left.chars;
        node = branch.right;
      }
    }
    return start + node.chars;
  }

  private static char lastChar(String text) {
    return text.isEmpty() ? 0 : text.charAt(text.length() - 1);
  }

  /** Whether a chunk boundary between the two chars would split a CRLF or a surrogate pair. */
  static boolean splitsUnit(char before, char after) {
    return (before == '\r' && after == '\n')
        || (Character.isHighSurrogate(before) && Character.isLowSurrogate(after));
  }

  // ---- tree operations ----

  /** A balanced tree of chunks of at most {@code maxChunk} chars (about half that at least). */
  private static Node build(String text, int maxChunk) {
    if (text.length() <= maxChunk) {
      return Leaf.of(text);
    }
    int count = (text.length() + maxChunk - 1) / maxChunk;
    List<Node> leaves = new ArrayList<>(count);
    int start = 0;
    for (int i = 1; i <= count; i++) {
      int cut = (int) ((long) text.length() * i / count);
      if (cut < text.length() && splitsUnit(text.charAt(cut - 1), text.charAt(cut))) {
        // Keep the CRLF or the pair whole, and never leave an empty chunk behind.
        cut = cut - 1 > start ? cut - 1 : cut + 1;
      }
      if (cut > start) {
        leaves.add(Leaf.of(text.substring(start, cut)));
        start = cut;
      }
    }
    return balanced(leaves, 0, leaves.size());
  }

  private static Node balanced(List<Node> leaves, int from, int to) {
    if (to - from == 1) {
      return leaves.get(from);
    }
    int middle = (from + to) >>> 1;
    return new Branch(balanced(leaves, from, middle), balanced(leaves, middle, to));
  }

  /** The tree with the chunk that starts at {@code chunkStart} swapped for {@code leaf}. */
  private static Node replaceChunk(Node node, int chunkStart, Leaf leaf) {
    if (node instanceof Leaf) {
      return leaf;
    }
    Branch branch = (Branch) node;
    if (chunkStart < branch.left.chars) {
      return new Branch(replaceChunk(branch.left, chunkStart, leaf), branch.right);
    }
    return new Branch(
        branch.left, replaceChunk(branch.right, chunkStart - branch.left.chars, leaf));
  }

  /** The text before {@code offset}, which must be a chunk boundary. */
  private static Node prefix(Node node, int offset) {
    if (offset == 0) {
      return Leaf.EMPTY;
    }
    if (offset == node.chars) {
      return node;
    }
    Branch branch = (Branch) node;
    if (offset <= branch.left.chars) {
      return prefix(branch.left, offset);
    }
    return join(branch.left, prefix(branch.right, offset - branch.left.chars));
  }

  /** The text from {@code offset}, which must be a chunk boundary. */
  private static Node suffix(Node node, int offset) {
    if (offset == 0) {
      return node;
    }
    if (offset == node.chars) {
      return Leaf.EMPTY;
    }
    Branch branch = (Branch) node;
    if (offset >= branch.left.chars) {
      return suffix(branch.right, offset - branch.left.chars);
    }
    return join(suffix(branch.left, offset), branch.right);
  }

  /** The concatenation of two balanced trees, balanced: O(difference of their heights). */
  static Node join(Node left, Node right) {
    if (left.chars == 0) {
      return right;
    }
    if (right.chars == 0) {
      return left;
    }
    if (left.height > right.height + 1) {
      return joinRight((Branch) left, right);
    }
    if (right.height > left.height + 1) {
      return joinLeft(left, (Branch) right);
    }
    return new Branch(left, right);
  }

  private static Node joinRight(Branch left, Node right) {
    Node inner = left.right;
    if (inner.height <= right.height + 1) {
      Branch joined = new Branch(inner, right);
      if (joined.height <= left.left.height + 1) {
        return new Branch(left.left, joined);
      }
      return rotateLeft(new Branch(left.left, rotateRight(joined)));
    }
    Node joined = joinRight((Branch) inner, right);
    Branch result = new Branch(left.left, joined);
    return joined.height <= left.left.height + 1 ? result : rotateLeft(result);
  }

  private static Node joinLeft(Node left, Branch right) {
    Node inner = right.left;
    if (inner.height <= left.height + 1) {
      Branch joined = new Branch(left, inner);
      if (joined.height <= right.right.height + 1) {
        return new Branch(joined, right.right);
      }
      return rotateRight(new Branch(rotateLeft(joined), right.right));
    }
    Node joined = joinLeft(left, (Branch) inner);
    Branch result = new Branch(joined, right.right);
    return joined.height <= right.right.height + 1 ? result : rotateRight(result);
  }

  /** (a, (b, c)) to ((a, b), c). */
  private static Branch rotateLeft(Branch node) {
    Branch right = (Branch) node.right;
    return new Branch(new Branch(node.left, right.left), right.right);
  }

  /** ((a, b), c) to (a, (b, c)). */
  private static Branch rotateRight(Branch node) {
    Branch left = (Branch) node.left;
    return new Branch(left.left, new Branch(left.right, node.right));
  }

  /**
   * Checks the tree's invariants; for tests. Returns a description of the first breach, or null.
   */
  String checkInvariants() {
    List<Leaf> leaves = new ArrayList<>();
    String problem = check(root, leaves);
    if (problem != null) {
      return problem;
    }
    for (int i = 1; i < leaves.size(); i++) {
      String before = leaves.get(i - 1).text;
      String after = leaves.get(i).text;
      if (before.isEmpty() || after.isEmpty()) {
        return "empty chunk in a tree of " + leaves.size();
      }
      if (splitsUnit(before.charAt(before.length() - 1), after.charAt(0))) {
        return "chunk boundary " + i + " splits a CRLF or a surrogate pair";
      }
    }
    return null;
  }

  private static String check(Node node, List<Leaf> leaves) {
    if (node instanceof Leaf) {
      leaves.add((Leaf) node);
      return null;
    }
    Branch branch = (Branch) node;
    if (Math.abs(branch.left.height - branch.right.height) > 1) {
      return "unbalanced at height " + branch.height;
    }
    String left = check(branch.left, leaves);
    return left != null ? left : check(branch.right, leaves);
  }

  /** Number of chunks; for tests and figures. */
  int chunkCount() {
    return countLeaves(root);
  }

  /** How many chunks of {@code later} are the very objects of {@code earlier}; for tests. */
  static int sharedChunks(Rope earlier, Rope later) {
    Set<Node> old = Collections.newSetFromMap(new IdentityHashMap<>());
    collectLeaves(earlier.root, old);
    Set<Node> now = Collections.newSetFromMap(new IdentityHashMap<>());
    collectLeaves(later.root, now);
    now.retainAll(old);
    return now.size();
  }

  private static void collectLeaves(Node node, Set<Node> into) {
    if (node instanceof Branch branch) {
      collectLeaves(branch.left, into);
      collectLeaves(branch.right, into);
    } else {
      into.add(node);
    }
  }

  private static int countLeaves(Node node) {
    if (node instanceof Leaf) {
      return 1;
    }
    Branch branch = (Branch) node;
    return countLeaves(branch.left) + countLeaves(branch.right);
  }

  // ---- nodes ----

  /** A subtree and the measures of its text. */
  private abstract static class Node {
    final int chars;
    final int breaks;
    final long utf8;
    final int codePoints;
    final int height;

    Node(int chars, int breaks, long utf8, int codePoints, int height) {
      this.chars = chars;
      this.breaks = breaks;
      this.utf8 = utf8;
      this.codePoints = codePoints;
      this.height = height;
    }

    final long units(PositionEncoding encoding) {
      switch (encoding) {
        case UTF8:
          return utf8;
        case UTF32:
          return codePoints;
        default:
          return chars;
      }
    }
  }

  private static final class Branch extends Node {
    final Node left;
    final Node right;

    Branch(Node left, Node right) {
      super(
          left.chars + right.chars,
          left.breaks + right.breaks,
          left.utf8 + right.utf8,
          left.codePoints + right.codePoints,
          Math.max(left.height, right.height) + 1);
      this.left = left;
      this.right = right;
    }
  }

  /** A chunk of text; a trailing {@code \r} is a whole break, by the CRLF invariant. */
  private static final class Leaf extends Node {
    static final Leaf EMPTY = of("");

    final String text;

    /** Whether the chunk holds a {@code \r}; without one, breaks are found by indexOf('\n'). */
    final boolean hasCarriageReturn;

    private Leaf(String text, int breaks, long utf8, int codePoints, boolean hasCarriageReturn) {
      super(text.length(), breaks, utf8, codePoints, 0);
      this.text = text;
      this.hasCarriageReturn = hasCarriageReturn;
    }

    static Leaf of(String text) {
      int breaks = 0;
      long utf8 = 0;
      int codePoints = 0;
      boolean carriageReturn = false;
      int length = text.length();
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          utf8++;
          if (c == '\n' || (c == '\r' && (i + 1 == length || text.charAt(i + 1) != '\n'))) {
            breaks++;
          }
          carriageReturn |= c == '\r';
        } else if (c < 0x800) {
          utf8 += 2;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < length
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          utf8 += 4;
          i++;
        } else {
          utf8 += 3;
        }
        codePoints++;
      }
      return new Leaf(text, breaks, utf8, codePoints, carriageReturn);
    }

    /** Breaks that end at or before {@code offset}. */
    int breaksBefore(int offset) {
      int count = 0;
      if (!hasCarriageReturn) {
        // String.indexOf is vectorised: much faster than a char loop on long chunks.
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
          count++;
        }
        return count;
      }
      for (int i = 0; i < offset; i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
          count++;
        }
      }
      return count;
    }

    /** Offset just past the {@code n}-th break (1-based) of this chunk. */
    int endOfBreak(int n) {
      if (!hasCarriageReturn) {
        int at = -1;
        for (int k = 0; k < n; k++) {
          at = text.indexOf('\n', at + 1);
        }
        return at + 1;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
          if (--n == 0) {
            return i + 1;
          }
        }
      }
      throw new IllegalStateException("chunk has fewer breaks than its count says");
    }

    long unitsBefore(int offset, PositionEncoding encoding) {
      long units = 0;
      int i = 0;
      while (i < offset) {
        int codePoint = text.codePointAt(i);
        units += encoding.width(codePoint);
        i += Character.charCount(codePoint);
      }
      return units;
    }

    int offsetOfUnits(long units, PositionEncoding encoding) {
      int i = 0;
      while (i < text.length()) {
        int codePoint = text.codePointAt(i);
        int width = encoding.width(codePoint);
        if (width > units) {
          return i;
        }
        units -= width;
        i += Character.charCount(codePoint);
      }
      return i;
    }
  }
}
