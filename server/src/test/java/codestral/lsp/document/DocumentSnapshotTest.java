package codestral.lsp.document;

import static codestral.lsp.document.PositionEncoding.UTF16;
import static codestral.lsp.document.PositionEncoding.UTF32;
import static codestral.lsp.document.PositionEncoding.UTF8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DocumentSnapshotTest {

  private static DocumentSnapshot doc(String text) {
    return new DocumentSnapshot("file:///a.txt", "plaintext", 1, text);
  }

  /** A snapshot cut into chunks of at most {@code chunk} chars, so boundaries fall everywhere. */
  private static DocumentSnapshot chunked(String text, int chunk) {
    return DocumentSnapshot.withChunkSize("file:///a.txt", 1, text, chunk);
  }

  private static DocumentSnapshot edit(
      DocumentSnapshot snapshot,
      int startLine,
      int startChar,
      int endLine,
      int endChar,
      String text) {
    TextRange range =
        new TextRange(new TextPosition(startLine, startChar), new TextPosition(endLine, endChar));
    return snapshot.apply(new ContentChange(range, text), snapshot.version() + 1, UTF16);
  }

  private static TextPosition at(int line, int character) {
    return new TextPosition(line, character);
  }

  @Test
  void everyKindOfBreakEndsALineAndCrlfCountsOnce() {
    DocumentSnapshot snapshot = doc("a\nb\r\nc\rd");
    assertThat(snapshot.lineCount()).isEqualTo(4);
    assertThat(snapshot.lineStart(1)).isEqualTo(2);
    assertThat(snapshot.lineEnd(1)).isEqualTo(3);
    assertThat(snapshot.lineStart(2)).isEqualTo(5);
    assertThat(snapshot.lineEnd(2)).isEqualTo(6);
    assertThat(snapshot.lineStart(3)).isEqualTo(7);
    assertThat(snapshot.lineEnd(3)).isEqualTo(8);
  }

  @Test
  void aCrlfThatTheChunkingWouldSplitStaysOneBreak() {
    for (int chunk = 2; chunk <= 6; chunk++) {
      DocumentSnapshot snapshot = chunked("ab\r\ncd\r\n\r\nef", chunk);
      assertThat(snapshot.rope().checkInvariants()).as("chunk %d", chunk).isNull();
      assertThat(snapshot.lineCount()).isEqualTo(4);
      assertThat(snapshot.lineEnd(0)).isEqualTo(2);
      assertThat(snapshot.lineStart(1)).isEqualTo(4);
      assertThat(snapshot.lineStart(3)).isEqualTo(10);
    }
  }

  @Test
  void deletingWhatSeparatesACarriageReturnFromALineFeedJoinsThemIntoOneBreak() {
    // "a\r|b|\nc": three lines; without the b, \r\n is one break and two lines remain.
    DocumentSnapshot snapshot = chunked("a\rb\nc", 2);
    assertThat(snapshot.lineCount()).isEqualTo(3);
    DocumentSnapshot joined = edit(snapshot, 1, 0, 1, 1, "");
    assertThat(joined.text()).isEqualTo("a\r\nc");
    assertThat(joined.lineCount()).isEqualTo(2);
    assertThat(joined.lineEnd(0)).isEqualTo(1);
    assertThat(joined.rope().checkInvariants()).isNull();
  }

  @Test
  void insertingALineFeedRightAfterACarriageReturnMakesOneBreak() {
    DocumentSnapshot snapshot = chunked("a\rb", 2);
    DocumentSnapshot joined = edit(snapshot, 1, 0, 1, 0, "\n");
    assertThat(joined.text()).isEqualTo("a\r\nb");
    assertThat(joined.lineCount()).isEqualTo(2);
    assertThat(joined.rope().checkInvariants()).isNull();
  }

  @Test
  void insertingACarriageReturnRightBeforeALineFeedMakesOneBreak() {
    DocumentSnapshot snapshot = chunked("ab\ncd", 2);
    DocumentSnapshot joined = edit(snapshot, 0, 2, 0, 2, "\r");
    assertThat(joined.text()).isEqualTo("ab\r\ncd");
    assertThat(joined.lineCount()).isEqualTo(2);
    assertThat(joined.lineEnd(0)).isEqualTo(2);
    assertThat(joined.rope().checkInvariants()).isNull();
  }

  @Test
  void replacingACrlfByOneOfItsHalvesKeepsOneBreak() {
    DocumentSnapshot snapshot = chunked("ab\r\ncd", 3);
    DocumentSnapshot onlyLf = edit(snapshot, 0, 2, 1, 0, "\n");
    assertThat(onlyLf.text()).isEqualTo("ab\ncd");
    assertThat(onlyLf.lineCount()).isEqualTo(2);
    DocumentSnapshot onlyCr = edit(snapshot, 0, 2, 1, 0, "\r");
    assertThat(onlyCr.text()).isEqualTo("ab\rcd");
    assertThat(onlyCr.lineCount()).isEqualTo(2);
  }

  @Test
  void anOffsetInsideACrlfIsOnTheLineItEndsAndMapsToThatLinesEnd() {
    DocumentSnapshot snapshot = doc("ab\r\ncd");
    assertThat(snapshot.lineOf(3)).isZero();
    assertThat(snapshot.positionAt(3, UTF16)).isEqualTo(at(0, 2));
    assertThat(snapshot.lineOf(4)).isEqualTo(1);
  }

  @Test
  void aSurrogatePairThatTheChunkingWouldSplitStaysWhole() {
    String text = "ab😀cd😀😀e";
    for (int chunk = 2; chunk <= 5; chunk++) {
      DocumentSnapshot snapshot = chunked(text, chunk);
      assertThat(snapshot.rope().checkInvariants()).as("chunk %d", chunk).isNull();
      assertThat(snapshot.positionAt(text.length(), UTF8)).isEqualTo(at(0, 2 + 4 + 2 + 4 + 4 + 1));
      assertThat(snapshot.positionAt(text.length(), UTF32)).isEqualTo(at(0, 8));
      assertThat(snapshot.offsetAt(at(0, 7), UTF32)).isEqualTo(text.length() - 1);
    }
  }

  @Test
  void aCharacterInsideACodePointRoundsDownToItsStart() {
    // "a|😀b": the emoji is 2 UTF-16 units and 4 UTF-8 bytes.
    DocumentSnapshot snapshot = doc("a😀b");
    assertThat(snapshot.offsetAt(at(0, 2), UTF16)).isEqualTo(1);
    assertThat(snapshot.offsetAt(at(0, 3), UTF16)).isEqualTo(3);
    for (int inside = 2; inside <= 4; inside++) {
      assertThat(snapshot.offsetAt(at(0, inside), UTF8)).as("byte %d", inside).isEqualTo(1);
    }
    assertThat(snapshot.offsetAt(at(0, 5), UTF8)).isEqualTo(3);
    assertThat(snapshot.offsetAt(at(0, 2), UTF32)).isEqualTo(3);
    // "é" is 2 UTF-8 bytes: byte 1 of "é|x" is inside it.
    assertThat(doc("éx").offsetAt(at(0, 1), UTF8)).isZero();
  }

  @Test
  void anOffsetInsideASurrogatePairMapsToThePairsStart() {
    DocumentSnapshot snapshot = doc("a😀b");
    assertThat(snapshot.positionAt(2, UTF16)).isEqualTo(at(0, 1));
    assertThat(snapshot.positionAt(2, UTF8)).isEqualTo(at(0, 1));
    assertThat(snapshot.positionAt(3, UTF8)).isEqualTo(at(0, 5));
  }

  @Test
  void aZwjSequenceCountsEveryCodePointInEveryEncoding() {
    // 👩‍💻 is U+1F469 U+200D U+1F4BB: 5 UTF-16 units, 4 + 3 + 4 UTF-8 bytes, 3 code points.
    DocumentSnapshot snapshot = doc("x👩‍💻y");
    assertThat(snapshot.positionAt(6, UTF16)).isEqualTo(at(0, 6));
    assertThat(snapshot.positionAt(6, UTF8)).isEqualTo(at(0, 12));
    assertThat(snapshot.positionAt(6, UTF32)).isEqualTo(at(0, 4));
    // A position between the joiner and the second person is a valid cut for the protocol.
    assertThat(snapshot.offsetAt(at(0, 3), UTF32)).isEqualTo(4);
  }

  @Test
  void aCharacterPastTheEndOfALineMeansTheEndOfThatLine() {
    DocumentSnapshot snapshot = doc("ab\r\ncd\n");
    assertThat(snapshot.offsetAt(at(0, 99), UTF16)).isEqualTo(2);
    assertThat(snapshot.offsetAt(at(1, Integer.MAX_VALUE), UTF8)).isEqualTo(6);
    assertThat(snapshot.offsetAt(at(2, 5), UTF32)).isEqualTo(7);
  }

  @Test
  void aLinePastTheEndMeansTheEndOfTheDocument() {
    DocumentSnapshot snapshot = doc("ab\ncd");
    assertThat(snapshot.offsetAt(at(2, 0), UTF16)).isEqualTo(5);
    assertThat(snapshot.offsetAt(at(1000, 3), UTF8)).isEqualTo(5);
  }

  @Test
  void aReversedRangeIsTheSameRange() {
    DocumentSnapshot snapshot = doc("hello world");
    assertThat(edit(snapshot, 0, 11, 0, 5, "!").text()).isEqualTo("hello!");
  }

  @Test
  void anEmptyDocumentHasOneEmptyLineAndTakesEdits() {
    DocumentSnapshot empty = doc("");
    assertThat(empty.lineCount()).isEqualTo(1);
    assertThat(empty.lineEnd(0)).isZero();
    assertThat(empty.positionAt(5, UTF8)).isEqualTo(at(0, 0));
    DocumentSnapshot typed = edit(empty, 0, 0, 0, 0, "x\ny");
    assertThat(typed.text()).isEqualTo("x\ny");
    assertThat(edit(typed, 0, 0, 1, 1, "").text()).isEmpty();
  }

  @Test
  void aFullChangeReplacesTheText() {
    DocumentSnapshot snapshot = doc("old");
    DocumentSnapshot replaced = snapshot.apply(ContentChange.full("new\ntext"), 2, UTF16);
    assertThat(replaced.text()).isEqualTo("new\ntext");
    assertThat(replaced.version()).isEqualTo(2);
    assertThat(snapshot.text()).isEqualTo("old");
  }

  @Test
  void linesOutsideTheDocumentAndRangesOutsideTheTextAreRefused() {
    DocumentSnapshot snapshot = doc("ab\ncd");
    assertThatThrownBy(() -> snapshot.lineStart(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> snapshot.lineEnd(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> snapshot.text(3, 9)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> snapshot.charAt(5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void theCharSequenceViewReadsTheSnapshotWithoutCopyingIt() {
    DocumentSnapshot snapshot = chunked("def f():\n    return 1\n", 4);
    CharSequence chars = snapshot.chars();
    assertThat(chars.length()).isEqualTo(snapshot.length());
    assertThat(chars.charAt(4)).isEqualTo('f');
    assertThat(chars.subSequence(13, 21).toString()).isEqualTo("return 1");
    assertThat(chars.subSequence(13, 21).subSequence(7, 8).toString()).isEqualTo("1");
    assertThat(chars.toString()).isEqualTo(snapshot.text());
  }

  @Test
  void typingThousandsOfKeystrokesKeepsTheTreeBalancedAndUnfragmented() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("line ").append(i).append(i % 7 == 0 ? "\r\n" : "\n");
    }
    DocumentSnapshot snapshot = doc(text.toString());
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      int line = random.nextInt(snapshot.lineCount());
      snapshot =
          random.nextInt(3) == 0
              ? edit(snapshot, line, 0, line, 1, "")
              : edit(snapshot, line, 2, line, 2, random.nextBoolean() ? "x" : "\n");
    }
    Rope rope = snapshot.rope();
    assertThat(rope.checkInvariants()).isNull();
    int minChunk = Rope.DEFAULT_MAX_CHUNK / 4;
    assertThat(rope.chunkCount()).isLessThanOrEqualTo(snapshot.length() / minChunk + 1);
    // An AVL tree of n leaves is at most about 1.44 log2(n) high.
    double bound = 1.45 * Math.log(rope.chunkCount() + 2) / Math.log(2);
    assertThat((double) rope.height()).isLessThanOrEqualTo(bound);
  }

  @Test
  void anEditSharesEveryUntouchedChunkWithThePreviousSnapshot() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("line ").append(i).append('\n');
    }
    DocumentSnapshot before = doc(text.toString());
    DocumentSnapshot after = edit(before, 2_500, 0, 2_500, 0, "x");
    assertThat(Rope.sharedChunks(before.rope(), after.rope()))
        .isEqualTo(before.rope().chunkCount() - 1);
    assertThat(before.text()).isEqualTo(text.toString());
  }
}
