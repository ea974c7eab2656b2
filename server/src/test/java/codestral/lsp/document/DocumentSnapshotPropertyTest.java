package codestral.lsp.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random edit sequences applied both to a snapshot and to {@link NaiveText}; after every step the
 * two must agree on the text, the lines and every offset and position, in the encoding the edits
 * count in. Ropes with chunks of 2 to 1024 chars put chunk boundaries everywhere a small text can
 * have them, including inside CRLFs, surrogate pairs and ZWJ sequences before the invariants move
 * them.
 */
class DocumentSnapshotPropertyTest {
  /**
   * Pieces the texts are made of: plain, multi-byte, astral, joined, lone surrogates, all breaks.
   */
  private static final List<String> FRAGMENTS =
      List.of(
          "a", "b", "xyz", " ", "\t", "é", "加", "法", "😀", "👩‍💻", "🇫🇷", "\u200D", "\n", "\n",
          "\r\n", "\r\n", "\r", "\uD83D", "\uDE00");

  /** One didChange entry, in relative terms so that it lands inside (or just past) any text. */
  record Step(
      double startLine,
      int startCharacter,
      double endLine,
      int endCharacter,
      String text,
      int kind) {

    ContentChange change(NaiveText current, PositionEncoding encoding) {
      if (kind == 0) {
        return ContentChange.full(text);
      }
      TextPosition start = position(current, startLine, startCharacter, encoding);
      if (kind == 1) {
        // An insert at a point.
        return new ContentChange(new TextRange(start, start), text);
      }
      TextPosition end = position(current, endLine, endCharacter, encoding);
      // kind 2: a deletion; otherwise a replace, possibly across lines, possibly reversed.
      return new ContentChange(new TextRange(start, end), kind == 2 ? "" : text);
    }

    private static TextPosition position(
        NaiveText current, double lineFraction, int character, PositionEncoding encoding) {
      // Up to 10% past the last line; characters up to a few units past the line's end.
      int line = (int) Math.floor(lineFraction * current.lineCount());
      int width = line < current.lineCount() ? current.lineUnits(line, encoding) : 0;
      return new TextPosition(line, character % (width + 4));
    }
  }

  @Property(tries = 1000)
  void utf16EditsAgreeWithTheNaiveModel(
      @ForAll("texts") String initial,
      @ForAll("chunkSizes") int chunk,
      @ForAll("steps") List<Step> steps) {
    check(initial, chunk, steps, PositionEncoding.UTF16);
  }

  @Property(tries = 1000)
  void utf8EditsAgreeWithTheNaiveModel(
      @ForAll("texts") String initial,
      @ForAll("chunkSizes") int chunk,
      @ForAll("steps") List<Step> steps) {
    check(initial, chunk, steps, PositionEncoding.UTF8);
  }

  @Property(tries = 1000)
  void utf32EditsAgreeWithTheNaiveModel(
      @ForAll("texts") String initial,
      @ForAll("chunkSizes") int chunk,
      @ForAll("steps") List<Step> steps) {
    check(initial, chunk, steps, PositionEncoding.UTF32);
  }

  @Property(tries = 200)
  void aSnapshotNeverChangesWhenLaterVersionsAreMade(
      @ForAll("texts") String initial,
      @ForAll("chunkSizes") int chunk,
      @ForAll("steps") List<Step> steps) {
    DocumentSnapshot first = DocumentSnapshot.withChunkSize("file:///a", 1, initial, chunk);
    DocumentSnapshot current = first;
    NaiveText naive = new NaiveText(initial);
    for (Step step : steps) {
      ContentChange change = step.change(naive, PositionEncoding.UTF16);
      current = current.apply(change, current.version() + 1, PositionEncoding.UTF16);
      naive = naive.apply(change, PositionEncoding.UTF16);
    }
    assertThat(first.text()).isEqualTo(initial);
    assertThat(first.version()).isEqualTo(1);
    assertThat(current.text()).isEqualTo(naive.text);
  }

  private static void check(
      String initial, int chunk, List<Step> steps, PositionEncoding encoding) {
    DocumentSnapshot snapshot = DocumentSnapshot.withChunkSize("file:///a", 1, initial, chunk);
    NaiveText naive = new NaiveText(initial);
    assertAgree(snapshot, naive, encoding, "initial");
    for (int i = 0; i < steps.size(); i++) {
      ContentChange change = steps.get(i).change(naive, encoding);
      snapshot = snapshot.apply(change, i + 2, encoding);
      naive = naive.apply(change, encoding);
      assertAgree(snapshot, naive, encoding, "after step " + i + ": " + change);
    }
  }

  private static void assertAgree(
      DocumentSnapshot snapshot, NaiveText naive, PositionEncoding encoding, String when) {
    String text = naive.text;
    assertThat(snapshot.rope().checkInvariants()).as(when).isNull();
    assertThat(snapshot.text()).as(when).isEqualTo(text);
    assertThat(snapshot.length()).as(when).isEqualTo(text.length());
    assertThat(snapshot.lineCount()).as(when).isEqualTo(naive.lineCount());
    for (int line = 0; line < naive.lineCount(); line++) {
      assertThat(snapshot.lineStart(line))
          .as("%s: start of line %d", when, line)
          .isEqualTo(naive.lineStart(line));
      assertThat(snapshot.lineEnd(line))
          .as("%s: end of line %d", when, line)
          .isEqualTo(naive.lineEnd(line));
      int width = naive.lineUnits(line, encoding);
      for (int character = 0; character <= width + 2; character++) {
        TextPosition position = new TextPosition(line, character);
        int offset = snapshot.offsetAt(position, encoding);
        assertThat(offset)
            .as("%s: offset of %s", when, position)
            .isEqualTo(naive.offsetAt(position, encoding));
        if (character <= width) {
          // Every character of the line maps to an offset that maps back to the same or an
          // earlier character (earlier when the character falls inside a code point).
          TextPosition back = snapshot.positionAt(offset, encoding);
          assertThat(back.line()).as("%s: line of %s", when, position).isEqualTo(line);
          assertThat(back.character())
              .as("%s: round trip of %s", when, position)
              .isLessThanOrEqualTo(character);
        }
      }
    }
    TextPosition pastEnd = new TextPosition(naive.lineCount(), 0);
    assertThat(snapshot.offsetAt(pastEnd, encoding)).as(when).isEqualTo(text.length());
    for (int offset = -1; offset <= text.length() + 1; offset++) {
      TextPosition position = snapshot.positionAt(offset, encoding);
      assertThat(position)
          .as("%s: position of %d", when, offset)
          .isEqualTo(naive.positionAt(offset, encoding));
      assertThat(snapshot.offsetAt(position, encoding))
          .as("%s: round trip of offset %d", when, offset)
          .isEqualTo(naive.rounded(offset));
      assertThat(snapshot.lineOf(offset))
          .as("%s: line of %d", when, offset)
          .isEqualTo(naive.lineOf(offset));
      if (offset >= 0 && offset < text.length()) {
        assertThat(snapshot.charAt(offset)).isEqualTo(text.charAt(offset));
      }
    }
    int third = text.length() / 3;
    assertThat(snapshot.text(third, 2 * third))
        .as(when)
        .isEqualTo(text.substring(third, 2 * third));
    // getChars writes exactly the range, at the destination offset, and nothing around it.
    char[] copied = new char[third + 2];
    java.util.Arrays.fill(copied, '#');
    snapshot.getChars(third, 2 * third, copied, 1);
    assertThat(new String(copied)).as(when).isEqualTo("#" + text.substring(third, 2 * third) + "#");
    assertThat(snapshot.chars().toString()).isEqualTo(text);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.frequencyOf(
        // Mostly small texts, sometimes a few thousand chars (several default-sized chunks).
        net.jqwik.api.Tuple.of(9, fragments(0, 60)),
        net.jqwik.api.Tuple.of(1, fragments(300, 900)));
  }

  @Provide
  Arbitrary<Integer> chunkSizes() {
    return Arbitraries.of(2, 3, 4, 8, 16, 64, Rope.DEFAULT_MAX_CHUNK);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Double> line = Arbitraries.doubles().between(0, 1.1);
    Arbitrary<Integer> character = Arbitraries.integers().between(0, 1000);
    Arbitrary<String> inserted =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, fragments(1, 1)),
            net.jqwik.api.Tuple.of(3, fragments(0, 12)),
            net.jqwik.api.Tuple.of(1, fragments(50, 200)));
    // 0 full replace (rare), 1 insert, 2 delete, 3 replace.
    Arbitrary<Integer> kind =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(1, 0),
            net.jqwik.api.Tuple.of(12, 1),
            net.jqwik.api.Tuple.of(6, 2),
            net.jqwik.api.Tuple.of(6, 3));
    return Combinators.combine(line, character, line, character, inserted, kind)
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  private static Arbitrary<String> fragments(int min, int max) {
    return Arbitraries.of(FRAGMENTS)
        .list()
        .ofMinSize(min)
        .ofMaxSize(max)
        .map(parts -> String.join("", parts));
  }
}
