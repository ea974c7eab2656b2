package codestral.lsp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.config.Settings;
import codestral.lsp.document.ContentChange;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.document.TextPosition;
import codestral.lsp.document.TextRange;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowBuilderTest {
  private static final String ROOT = "file:///work/project";
  private static final String UTIL =
      "import math\n\n"
          + "def distance_between(point_a, point_b):\n"
          + "    dx = point_a.x - point_b.x\n"
          + "    dy = point_a.y - point_b.y\n"
          + "    return math.sqrt(dx * dx + dy * dy)\n";

  private final DocumentStore store = new DocumentStore();
  private final WorkspaceRoots roots = new WorkspaceRoots();
  private final WindowBuilder builder = new WindowBuilder(store, new TokenEstimator(), roots);
  private final Settings.Prompt settings = Settings.Prompt.defaults();

  @BeforeEach
  void workspace() {
    roots.set(List.of(ROOT + "/"));
  }

  private void openAndEdit(String uri, String languageId, String text) {
    store.open(uri, languageId, 1, "");
    store.change(uri, 2, List.of(ContentChange.full(text)));
  }

  @Test
  void aRecentlyEditedFunctionComesBeforeThePrefixUnderItsRelativePath() {
    openAndEdit(ROOT + "/geometry/util.py", "python", UTIL);
    Cursor cursor =
        Cursor.open(
            store,
            ROOT + "/main.py",
            "python",
            "from geometry.util import distance_between\n\nd = distance_between(point_a, |)\n");
    FimWindow window = builder.build(cursor.snapshot(), cursor.offset(), settings);
    assertThat(window.context())
        .startsWith("# geometry/util.py\n")
        .contains("def distance_between(point_a, point_b):");
    assertThat(window.prompt()).isEqualTo(window.context() + cursor.before());
    assertThat(window.prefix()).isEqualTo(cursor.before());
    assertThat(window.suffix()).isEqualTo(cursor.after());
  }

  @Test
  void aNeighbourEditedBetweenTwoCompletionsIsScoredByItsNewText() {
    // The scores of a neighbour's windows are kept between completions: never past its edit.
    openAndEdit(
        ROOT + "/geometry/util.py",
        "python",
        "def unrelated_helper(values):\n    return sorted(values)\n");
    Cursor cursor =
        Cursor.open(store, ROOT + "/main.py", "python", "d = distance_between(point_a, |)\n");
    assertThat(builder.build(cursor.snapshot(), cursor.offset(), settings).context()).isEmpty();

    store.change(ROOT + "/geometry/util.py", 3, List.of(ContentChange.full(UTIL)));

    assertThat(builder.build(cursor.snapshot(), cursor.offset(), settings).context())
        .contains("def distance_between(point_a, point_b):");
  }

  @Test
  void theHeaderIsACommentInTheFilesLanguage() {
    openAndEdit(
        ROOT + "/lib/shapes.lua",
        "lua",
        "function area_of(shape)\n  return shape.w * shape.h\nend\n");
    Cursor cursor = Cursor.open(store, ROOT + "/main.lua", "lua", "local a = area_of(|)\n");
    assertThat(builder.build(cursor.snapshot(), cursor.offset(), settings).context())
        .startsWith("-- lib/shapes.lua\n");

    openAndEdit(
        ROOT + "/src/geo.ts",
        "typescript",
        "export function areaOf(shape: Shape) { return shape.w * shape.h; }\n");
    Cursor ts =
        Cursor.open(store, ROOT + "/src/app.tsx", "typescriptreact", "const a = areaOf(|)\n");
    assertThat(builder.build(ts.snapshot(), ts.offset(), settings).context())
        .startsWith("// src/geo.ts\n");
  }

  @Test
  void documentsOfAnotherLanguageOrWithoutSharedIdentifiersAreLeftOut() {
    openAndEdit(
        ROOT + "/geometry/Util.java",
        "java",
        "double distance_between(Point point_a, Point point_b) { return 0; }\n");
    openAndEdit(ROOT + "/notes.py", "python", "print('hello world')\n");
    Cursor cursor =
        Cursor.open(store, ROOT + "/main.py", "python", "d = distance_between(point_a, |)\n");
    assertThat(builder.build(cursor.snapshot(), cursor.offset(), settings).context()).isEmpty();
  }

  @Test
  void anExcludedFileIsNeverContextAndSecretLinesAreDropped() {
    openAndEdit(ROOT + "/.env", "dotenv", "distance_between_key=sk-abcdef0123456789abcdef\n");
    openAndEdit(ROOT + "/.env.py", "python", "distance_between = 'sk-abcdef0123456789abcdef'\n");
    openAndEdit(
        ROOT + "/settings.py",
        "python",
        "DATABASE_PASSWORD = 'hunter2-hunter2'\ndef distance_between(a, b):\n    return 0\n");
    Cursor cursor = Cursor.open(store, ROOT + "/main.py", "python", "d = distance_between(a, |)\n");
    FimWindow window = builder.build(cursor.snapshot(), cursor.offset(), settings);
    assertThat(window.context()).contains("# settings.py\n", "def distance_between(a, b):");
    assertThat(window.prompt() + window.suffix()).doesNotContain("sk-abcdef", "hunter2");
  }

  @Test
  void noCompletionIsMadeInsideASensitiveFileAndTheListIsSettable() {
    assertThat(builder.excludes(ROOT + "/.env.local", settings)).isTrue();
    assertThat(builder.excludes(ROOT + "/main.py", settings)).isFalse();
    Settings.Prompt custom = new Settings.Prompt(4096, 0.75, 0.25, List.of("*.py"));
    assertThat(builder.excludes(ROOT + "/main.py", custom)).isTrue();
    assertThat(builder.excludes(ROOT + "/.env.local", custom)).isFalse();
  }

  @Test
  void contextStaysWithinItsShareAndTheWholePromptWithinTheBudget() {
    for (int i = 0; i < 6; i++) {
      StringBuilder text = new StringBuilder();
      for (int line = 0; line < 400; line++) {
        text.append("def helper_")
            .append(i)
            .append('_')
            .append(line)
            .append("(record, total): return record.value + total\n");
      }
      openAndEdit(ROOT + "/pkg/mod" + i + ".py", "python", text.toString());
    }
    StringBuilder main = new StringBuilder();
    for (int line = 0; line < 2000; line++) {
      main.append("total = helper_1_5(record, total) + record.value\n");
    }
    Cursor cursor = Cursor.open(store, ROOT + "/main.py", "python", main + "total = |\n" + main);
    for (int budget : new int[] {16, 64, 200, 1000, 4096, 16_000}) {
      Settings.Prompt prompt =
          new Settings.Prompt(budget, 0.75, 0.25, Settings.Prompt.DEFAULT_EXCLUDED_FILES);
      TokenEstimator.Rate rate = new TokenEstimator().rate();
      FimWindow window = builder.build(cursor.snapshot(), cursor.offset(), prompt);
      int allowed = budget - WindowBuilder.FIM_OVERHEAD_TOKENS;
      assertThat(rate.tokens(window.context())).isLessThanOrEqualTo((int) (allowed * 0.25));
      assertThat(rate.tokens(window.prompt()) + rate.tokens(window.suffix()))
          .isLessThanOrEqualTo(allowed);
      assertThat(cursor.before()).endsWith(window.prefix());
      assertThat(cursor.after()).startsWith(window.suffix());
      if (budget >= 1000) {
        assertThat(window.context()).contains("# pkg/mod1.py\n");
      }
    }
  }

  @Test
  void aFileOutsideEveryRootIsNamedByItsFileNameOnly() {
    openAndEdit("file:///home/someone/scratch/geo.py", "python", UTIL);
    Cursor cursor = Cursor.open(store, ROOT + "/main.py", "python", "distance_between(point_a, |)");
    assertThat(builder.build(cursor.snapshot(), cursor.offset(), settings).context())
        .startsWith("# geo.py\n")
        .doesNotContain("/home/someone");
  }

  @Test
  void theReportedPromptTokensCalibrateTheEstimator() {
    TokenEstimator estimator = new TokenEstimator();
    WindowBuilder calibrated = new WindowBuilder(store, estimator, roots);
    Cursor cursor = Cursor.of("x = 1\n".repeat(100) + "|");
    FimWindow window = calibrated.build(cursor.snapshot(), cursor.offset(), settings);
    calibrated.observe(
        window, (int) Math.round(window.rawTokens() * 1.5) + WindowBuilder.FIM_OVERHEAD_TOKENS);
    assertThat(estimator.correction()).isGreaterThan(1.05);
    calibrated.observe(window, -1);
    assertThat(estimator.observations()).isEqualTo(1);
  }

  @Test
  void aSelectedMenuItemIsPartOfThePrefix() {
    Cursor cursor = Cursor.of("import os\nos.pa|\n");
    int start = cursor.text().indexOf("pa");
    FimWindow window =
        builder.build(
            cursor.snapshot(),
            cursor.offset(),
            new SelectedText(start, cursor.offset(), "path"),
            settings);
    assertThat(window.prefix()).isEqualTo("import os\nos.path");
    assertThat(window.suffix()).isEqualTo("\n");
  }

  @Test
  void editsFarFromTheTopAreFoundAroundWhereTheUserWorked() {
    StringBuilder big = new StringBuilder();
    for (int line = 0; line < 5000; line++) {
      big.append("filler_").append(line).append(" = ").append(line).append('\n');
    }
    String uri = ROOT + "/big.py";
    store.open(uri, "python", 1, big.toString());
    store.change(
        uri,
        2,
        List.of(
            new ContentChange(
                new TextRange(new TextPosition(4000, 0), new TextPosition(4000, 0)),
                "def normalise_vector(vector_x, vector_y):\n    return vector_x\n")));
    Cursor cursor =
        Cursor.open(store, ROOT + "/main.py", "python", "v = normalise_vector(vector_x, |)\n");
    assertThat(builder.build(cursor.snapshot(), cursor.offset(), settings).context())
        .startsWith("# big.py\n")
        .contains("def normalise_vector(vector_x, vector_y):");
  }
}
