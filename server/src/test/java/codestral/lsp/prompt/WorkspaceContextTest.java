package codestral.lsp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentStore;
import codestral.lsp.workspace.WorkspaceIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which definitions of the workspace reach the prompt, and in what form. */
class WorkspaceContextTest {
  @TempDir Path root;
  private final DocumentStore store = new DocumentStore();
  private final WorkspaceRoots roots = new WorkspaceRoots();
  private final WindowBuilder builder = new WindowBuilder(store, new TokenEstimator(), roots);

  private void write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private String contextAt(
      String relative, String languageId, String marked, Settings.Prompt settings) {
    roots.set(List.of(root.toUri().toString()));
    WorkspaceIndex index =
        new WorkspaceIndex(
            file -> file.getFileName().toString().startsWith("secrets"),
            settings::context,
            WorkspaceIndex.FileReader.disk(),
            store);
    index.build(List.of(root), List.of(), WorkspaceIndex.Progress.NONE);
    builder.useWorkspace(index);
    Cursor cursor =
        Cursor.open(store, root.resolve(relative).toUri().toString(), languageId, marked);
    return builder.build(cursor.snapshot(), cursor.offset(), settings).context();
  }

  @Test
  void theTypeOfAVariableDeclaredAboveBringsItsClassMembers() throws IOException {
    write(
        "shop/cart.py",
        "class Cart:\n    def add_item(self, sku, quantity=1):\n        \"\"\"Adds to the cart.\"\"\"\n\n    def _recount(self):\n        pass\n");
    write("main.py", "");
    String context =
        contextAt(
            "main.py",
            "python",
            "from shop.cart import Cart\n\nbasket: Cart = make()\nbasket.|\n",
            Settings.Prompt.defaults());

    // Small enough for its doc lines; _recount is private to its module.
    assertThat(context)
        .isEqualTo(
            "# shop/cart.py\nclass Cart:\n# Adds to the cart.\ndef add_item(self, sku, quantity=1):\n\n");
  }

  @Test
  void anIdentifierNearTheCursorBringsItsDefinitionWithItsDocButNeverTheCurrentFilesOwn()
      throws IOException {
    write(
        "src/Money.java",
        "package shop;\n\n/** An amount in cents. */\npublic record Money(long cents) {}\n");
    write("src/Main.java", "");
    String context =
        contextAt(
            "src/Main.java",
            "java",
            "class Main {\n  void run() {}\n  Money total = Money.of(|\n}\n",
            Settings.Prompt.defaults());

    assertThat(context)
        .contains("// src/Money.java\n// An amount in cents.\npublic record Money(long cents) {}\n")
        .doesNotContain("void run()");
  }

  @Test
  void aFileTheSettingsExcludeLaterIsNotUsedAndSecretLinesAreDropped() throws IOException {
    write(
        "config.py",
        "API_TOKEN = 'sk-9f8e7d6c5b4a39281706f5e4d3c2b1a0'\n\ndef load_config(path):\n    pass\n");
    write("secrets_store.py", "def read_secret():\n    pass\n");
    write("main.py", "");
    Settings.Prompt settings = Settings.Prompt.defaults();
    String context =
        contextAt("main.py", "python", "import config, secrets_store\n\nconfig.|\n", settings);
    assertThat(context).contains("def load_config(path):").doesNotContain("sk-9f8e", "read_secret");

    Settings.Prompt excluding =
        new Settings.Prompt(4096, 0.75, 0.25, List.of("config.py"), settings.context());
    Cursor again =
        Cursor.open(
            store,
            root.resolve("main.py").toUri().toString(),
            "python",
            "import config\n\nconfig.|\n");
    assertThat(builder.build(again.snapshot(), again.offset(), excluding).context())
        .doesNotContain("load_config");
  }

  @Test
  void theSettingTurnsItOffAndTheBudgetBoundsIt() throws IOException {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      big.append("def helper_number_")
          .append(i)
          .append("(argument_one, argument_two):\n    pass\n");
    }
    write("helpers.py", big.toString());
    write("main.py", "");
    Settings.Prompt on =
        new Settings.Prompt(1000, 0.75, 0.25, Settings.Prompt.DEFAULT_EXCLUDED_FILES);
    String context = contextAt("main.py", "python", "import helpers\n\nhelpers.|\n", on);
    assertThat(context).startsWith("# helpers.py\ndef helper_number_");
    assertThat(TokenEstimator.milliTokens(context, 0, context.length()))
        .isLessThanOrEqualTo(250_000);

    Settings.Prompt off =
        new Settings.Prompt(
            1000,
            0.75,
            0.25,
            Settings.Prompt.DEFAULT_EXCLUDED_FILES,
            new Settings.Context(false, 20_000, 512, 64, List.of()));
    Cursor again =
        Cursor.open(
            store,
            root.resolve("main.py").toUri().toString(),
            "python",
            "import helpers\n\nhelpers.|\n");
    assertThat(builder.build(again.snapshot(), again.offset(), off).context()).isEmpty();
  }

  @Test
  void afterNewTheTypesOfTheSamePackageAreOfferedAndTypeArgumentsDoNotHideAReceiver()
      throws IOException {
    write(
        "src/shop/RetryPolicy.java",
        "package shop;\n\npublic final class RetryPolicy {\n  private static int hidden() { return 0; }\n}\n");
    write(
        "src/shop/Lists.java",
        "package shop;\n\npublic final class Lists {\n  public static <E> java.util.List<E> newArrayList() { return null; }\n}\n");
    write("src/shop/Main.java", "");
    String afterNew =
        contextAt(
            "src/shop/Main.java",
            "java",
            "package shop;\n\nclass Main {\n  Object policy = new |\n}\n",
            Settings.Prompt.defaults());
    assertThat(afterNew)
        .contains("// src/shop/RetryPolicy.java\npublic final class RetryPolicy {\n")
        .doesNotContain("hidden");

    Cursor generic =
        Cursor.open(
            store,
            root.resolve("src/shop/Main.java").toUri().toString(),
            "java",
            "class Main {\n  Object list = Lists.<String>|\n}\n");
    assertThat(
            builder
                .build(generic.snapshot(), generic.offset(), Settings.Prompt.defaults())
                .context())
        .contains("public static <E> java.util.List<E> newArrayList() { return null; }\n");
  }

  @Test
  void aPrivateFieldDoesNotHideThePublicMethodOfTheSameName() throws IOException {
    // commons-lang3's EntityArrays: each table is a private array and a public method returning a
    // copy.
    StringBuilder tables = new StringBuilder("package text;\n\npublic class EntityArrays {\n");
    for (String table : List.of("APOS_ESCAPE", "APOS_UNESCAPE", "BASIC_ESCAPE", "BASIC_UNESCAPE")) {
      tables.append("  private static final String[][] ").append(table).append(" = {};\n");
      tables
          .append("  public static String[][] ")
          .append(table)
          .append("() { return ")
          .append(table)
          .append(".clone(); }\n");
    }
    write("src/text/EntityArrays.java", tables.append("}\n").toString());
    write("src/Escaper.java", "");
    String context =
        contextAt(
            "src/Escaper.java",
            "java",
            "import text.EntityArrays;\n\nclass Escaper {\n  Object apos = new Translator(EntityArrays.|\n}\n",
            Settings.Prompt.defaults());

    assertThat(context)
        .contains("public static String[][] APOS_UNESCAPE() { return APOS_UNESCAPE.clone(); }\n")
        .doesNotContain("private static final");
  }

  @Test
  void aCallsResultBringsTheMembersOfTheTypeItsSignatureReturns() throws IOException {
    // commons-lang3's ArrayUtils.hashCode: new HashCodeBuilder().append(array).toHashCode().
    write(
        "src/builder/HashCodeBuilder.java",
        "package builder;\n\npublic class HashCodeBuilder {\n  public HashCodeBuilder append(final Object object) { return this; }\n"
            + "  public int toHashCode() { return 0; }\n}\n");
    // guava's ImmutableNetwork: network.incidentNodes(edge).target(), through an interface's
    // method.
    write(
        "src/graph/Network.java",
        "package graph;\n\npublic interface Network<N, E> {\n  EndpointPair<N> incidentNodes(E edge);\n}\n");
    write(
        "src/graph/EndpointPair.java",
        "package graph;\n\npublic abstract class EndpointPair<N> {\n  public abstract N target();\n}\n");
    write("src/Arrays.java", "");
    String built =
        contextAt(
            "src/Arrays.java",
            "java",
            "class Arrays {\n  int hash(Object[] array) {\n    return new HashCodeBuilder().append(array).|\n  }\n}\n",
            Settings.Prompt.defaults());
    assertThat(built).contains("public int toHashCode() { return 0; }\n");

    Cursor chained =
        Cursor.open(
            store,
            root.resolve("src/Arrays.java").toUri().toString(),
            "java",
            "class Arrays {\n  Object targets(Network<String, Integer> network) {\n    return (Integer edge) -> network.incidentNodes(edge)\n        .|\n  }\n}\n");
    assertThat(
            builder
                .build(chained.snapshot(), chained.offset(), Settings.Prompt.defaults())
                .context())
        .contains(
            "// src/graph/EndpointPair.java\npublic abstract class EndpointPair<N> {\npublic abstract N target();\n");
  }

  @Test
  void theVariableOfAJavaForEachBringsTheMembersOfItsType() throws IOException {
    // guava's DirectedGraphConnections: for (EndpointPair<N> incidentEdge : edges) {
    // incidentEdge.nodeU() ... }
    write(
        "src/graph/EndpointPair.java",
        "package graph;\n\npublic abstract class EndpointPair<N> {\n  public final N nodeU() { return null; }\n}\n");
    write("src/graph/Connections.java", "");
    String context =
        contextAt(
            "src/graph/Connections.java",
            "java",
            "package graph;\n\nclass Connections<N> {\n  void visit(java.util.List<EndpointPair<N>> edges) {\n"
                + "    for (EndpointPair<N> incidentEdge : edges) {\n      if (incidentEdge.|\n    }\n  }\n}\n",
            Settings.Prompt.defaults());

    assertThat(context).contains("public final N nodeU() { return null; }\n");
  }

  /**
   * A Java file whose first {@code lines} lines are methods: what is declared above them is out of
   * a 20,000-character look back.
   */
  private static String longBody(int lines) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      body.append("  int filler")
          .append(i)
          .append("(int value) { return value + ")
          .append(i)
          .append("; }\n");
    }
    return body.toString();
  }

  @Test
  void aConstantDeclaredFarAboveBringsTheMembersOfItsType() throws IOException {
    // guava's InternetDomainName: DOTS_MATCHER is declared at the top, used a thousand lines below
    // (its type is of the same package here: no import brings its file's outline).
    write(
        "src/net/CharMatcher.java",
        "package net;\n\npublic abstract class CharMatcher {\n  public String replaceFrom(CharSequence sequence, char replacement) { return null; }\n}\n");
    String text =
        "package net;\n\npublic final class DomainName {\n"
            + "  private static final CharMatcher DOTS_MATCHER = CharMatcher.anyOf(\".\");\n"
            + longBody(600)
            + "  DomainName(String name) {\n    name = DOTS_MATCHER.|\n  }\n}\n";
    write("src/net/DomainName.java", text.replace("|", ""));
    String context = contextAt("src/net/DomainName.java", "java", text, Settings.Prompt.defaults());

    assertThat(context)
        .contains(
            "public String replaceFrom(CharSequence sequence, char replacement) { return null; }\n");
  }

  @Test
  void aBareCallBringsTheMethodsOfTheBasesOfTheBasesOfAClassDeclaredFarAbove() throws IOException {
    // guava's HashMultimap calls setMap, two bases up: AbstractMapBasedMultimap.
    write(
        "src/collect/AbstractMapBasedMultimap.java",
        "package collect;\n\nabstract class AbstractMapBasedMultimap<K, V> {\n  final void setMap(java.util.Map<K, V> map) {}\n}\n");
    write(
        "src/collect/AbstractSetMultimap.java",
        "package collect;\n\nabstract class AbstractSetMultimap<K, V> extends AbstractMapBasedMultimap<K, V> {\n}\n");
    String text =
        "package collect;\n\npublic final class HashMultimap<K, V> extends AbstractSetMultimap<K, V> {\n"
            + longBody(600)
            + "  private void readObject(java.io.ObjectInputStream stream) {\n    |\n  }\n}\n";
    write("src/collect/HashMultimap.java", text.replace("|", ""));
    String context =
        contextAt("src/collect/HashMultimap.java", "java", text, Settings.Prompt.defaults());

    assertThat(context).contains("final void setMap(java.util.Map<K, V> map) {}\n");
  }

  @Test
  void theMembersOfTheReceiversClassComeBeforeTheRestOfABigFile() throws IOException {
    // rich's console.py: a hundred definitions of other classes and helpers come before class
    // Console.
    StringBuilder console = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      console
          .append("def render_helper_number_")
          .append(i)
          .append("(renderable, options, width):\n    pass\n\n");
    }
    console.append(
        "class Console:\n    def print(self, *objects):\n        pass\n\n    def rule(self, title=\"\"):\n        pass\n");
    write("rich/console.py", console.toString());
    write("rich/table.py", "");
    String context =
        contextAt(
            "rich/table.py",
            "python",
            "from rich.console import Console\n\nconsole = Console()\nconsole.|\n",
            Settings.Prompt.defaults());

    assertThat(context).contains("class Console:\n", "def rule(self, title=\"\"):\n");
  }

  @Test
  void aGoBareCallFindsTheFunctionsOfTheOtherFilesOfItsPackageWithNoImport() throws IOException {
    // go-toml: parser.go calls ParseLocalTime of localtime.go, a file of the same package that
    // nothing imports; a big first file of the package does not take the whole share.
    StringBuilder big = new StringBuilder("package toml\n\n");
    for (int i = 0; i < 200; i++) {
      big.append("func helperNumber").append(i).append("(value string) string {\n}\n\n");
    }
    write("toml/aaa_helpers.go", big.toString());
    write(
        "toml/localtime.go",
        "package toml\n\nfunc ParseLocalTime(s string) (LocalTime, error) {\n}\n");
    write("toml/parser.go", "");
    String context =
        contextAt(
            "toml/parser.go",
            "go",
            "package toml\n\nfunc parseValue(text string) {\n\tval, err := |\n}\n",
            Settings.Prompt.defaults());

    assertThat(context)
        .contains("// toml/localtime.go\nfunc ParseLocalTime(s string) (LocalTime, error) {\n");
  }

  @Test
  void inABigPackageTheFunctionNamedLikeTheCodeAtTheCursorComesFirstWhicheverItsFile()
      throws IOException {
    // cobra's package of 25 files: the caller's word (parallelism) names a function of one file
    // among forty, more than the context share holds even a few lines of each.
    for (int f = 0; f < 40; f++) {
      StringBuilder file = new StringBuilder("package pool\n\n");
      for (int i = 0; i < 10; i++) {
        file.append("func helperNumber")
            .append(f)
            .append('x')
            .append(i)
            .append(
                "(first string, second string, third string, fourth string) (string, error) {\n}\n\n");
      }
      write("pool/file" + f + ".go", file.toString());
    }
    write("pool/limits.go", "package pool\n\nfunc checkParallelism(parallelism int) error {\n}\n");
    write("pool/workers.go", "");
    String context =
        contextAt(
            "pool/workers.go",
            "go",
            "package pool\n\nfunc start(parallelism int) {\n\tif err := |\n}\n",
            Settings.Prompt.defaults());

    // Picked first, so rendered last, nearest the cursor.
    assertThat(context.strip())
        .endsWith("// pool/limits.go\nfunc checkParallelism(parallelism int) error {");
  }

  @Test
  void aKotlinBareCallFindsItsPackageInAnotherSourceSetWithNoImport() throws IOException {
    // kotlinx-coroutines: jvmMain/CoroutineContext.kt calls recoverResult of
    // commonMain/CompletionState.kt; both declare package kotlinx.coroutines, in other folders.
    write(
        "commonMain/CompletionState.kt",
        "package kotlinx.coroutines\n\ninternal fun <T> recoverResult(state: Any?): Result<T> =\n    TODO()\n");
    write("jvmMain/CoroutineContext.kt", "");
    String context =
        contextAt(
            "jvmMain/CoroutineContext.kt",
            "kotlin",
            "package kotlinx.coroutines\n\nfun resume(state: Any?) {\n    val result = |\n}\n",
            Settings.Prompt.defaults());

    assertThat(context)
        .contains(
            "// commonMain/CompletionState.kt\ninternal fun <T> recoverResult(state: Any?): Result<T> =\n");
  }

  @Test
  void aGoReceiverDeclaredAsAParameterBringsTheMethodsOfItsType() throws IOException {
    // cobra's doc/util.go: func hasSeeAlso(cmd *cobra.Command) bool { ... cmd.HasParent() ... }
    // with the methods of Command after two hundred other functions of command.go.
    StringBuilder command = new StringBuilder("package cobra\n\n");
    for (int i = 0; i < 200; i++) {
      command.append("func helperNumber").append(i).append("(value string) string {\n}\n\n");
    }
    command.append("type Command struct {\n\tUse string\n}\n\n");
    command.append("func (c *Command) HasParent() bool {\n}\n");
    write("cobra/command.go", command.toString());
    write("cobra/doc/util.go", "");
    String context =
        contextAt(
            "cobra/doc/util.go",
            "go",
            "package doc\n\nimport \"github.com/spf13/cobra\"\n\nfunc describe(cmd *cobra.Command) string {\n\tif cmd.|\n}\n",
            Settings.Prompt.defaults());

    assertThat(context).contains("func (c *Command) HasParent() bool {\n");
  }

  @Test
  void aPluralReceiverBringsTheModuleNamedLikeItsSingular() throws IOException {
    // urllib3's appengine.py: retries = retries.increment(...), Retry being defined in
    // util/retry.py.
    write(
        "urllib3/util/retry.py",
        "class Retry(object):\n    def increment(self, method=None, url=None):\n        pass\n");
    write("urllib3/contrib/appengine.py", "");
    String context =
        contextAt(
            "urllib3/contrib/appengine.py",
            "python",
            "def urlopen(self, method, url, retries=None):\n    retries = retries.|\n",
            Settings.Prompt.defaults());

    assertThat(context).contains("def increment(self, method=None, url=None):\n");
  }

  @Test
  void aCastAndAFunctionOfTheCurrentFileDeclareTheTypeOfTheirResult() throws IOException {
    // mobx's legacyobservablearray.ts and dynamicobject.ts.
    write(
        "src/types/observablearray.ts",
        "export class ObservableArrayAdministration {\n    getArrayLength_(): number {\n        return 0\n    }\n}\n");
    write(
        "src/types/observableobject.ts",
        "export class ObservableObjectAdministration {\n    ownKeys_(): Array<string | symbol> {\n        return []\n    }\n}\n");
    String cast =
        "class LegacyObservableArray {\n    get length() {\n        return (this[$mobx] as ObservableArrayAdministration).|\n    }\n}\n";
    write("src/types/legacyobservablearray.ts", cast.replace("|", ""));
    assertThat(
            contextAt(
                "src/types/legacyobservablearray.ts",
                "typescript",
                cast,
                Settings.Prompt.defaults()))
        .contains("getArrayLength_(): number {\n");

    String bare =
        "function getAdm(target): ObservableObjectAdministration {\n    return target[$mobx]\n}\n\n"
            + "const objectProxyTraps = {\n    ownKeys(target) {\n        return getAdm(target).|\n    }\n}\n";
    write("src/types/dynamicobject.ts", bare.replace("|", ""));
    assertThat(
            contextAt("src/types/dynamicobject.ts", "typescript", bare, Settings.Prompt.defaults()))
        .contains("ownKeys_(): Array<string | symbol> {\n");
  }

  @Test
  void theLinesBelowTheCursorRankABigOutline() throws IOException {
    // commons-lang3's DiffBuilder: return ArrayUtils.toObject(lhs); with the same call two lines
    // below.
    StringBuilder arrays = new StringBuilder("package lang;\n\npublic class ArrayUtils {\n");
    for (int i = 0; i < 300; i++) {
      arrays
          .append("  public static int[] insertValueNumber")
          .append(i)
          .append("(final int index, final int[] array) { return array; }\n");
    }
    arrays.append(
        "  public static Boolean[] toObject(final boolean[] array) { return null; }\n}\n");
    write("src/lang/ArrayUtils.java", arrays.toString());
    String text =
        "package lang;\n\nclass DiffBuilder {\n  Object diff(boolean[] lhs, boolean[] rhs) {\n    return new Pair() {\n"
            + "      public Boolean[] getLeft() {\n        return ArrayUtils.|\n      }\n\n"
            + "      public Boolean[] getRight() {\n        return ArrayUtils.toObject(rhs);\n      }\n    };\n  }\n}\n";
    write("src/lang/DiffBuilder.java", text.replace("|", ""));
    String context =
        contextAt("src/lang/DiffBuilder.java", "java", text, Settings.Prompt.defaults());

    assertThat(context)
        .contains("public static Boolean[] toObject(final boolean[] array) { return null; }\n");
  }

  @Test
  void aBareCallInAnAnonymousSubclassBringsItsBasesMethods() throws IOException {
    // guava's AbstractExecutionThreadService: its delegate is a new AbstractService() { ...
    // notifyStopped(); }.
    write(
        "src/concurrent/AbstractService.java",
        "package concurrent;\n\npublic abstract class AbstractService {\n  protected final void notifyStarted() {}\n\n"
            + "  protected final void notifyStopped() {}\n}\n");
    write(
        "src/concurrent/Service.java",
        "package concurrent;\n\npublic interface Service {\n  void awaitRunning();\n}\n");
    String text =
        "package concurrent;\n\npublic abstract class AbstractExecutionThreadService implements Service {\n"
            + "  private final Service delegate =\n      new AbstractService() {\n        protected final void doStop() {\n"
            + "          |\n        }\n      };\n}\n";
    write("src/concurrent/AbstractExecutionThreadService.java", text.replace("|", ""));
    String context =
        contextAt(
            "src/concurrent/AbstractExecutionThreadService.java",
            "java",
            text,
            Settings.Prompt.defaults());

    assertThat(context).contains("protected final void notifyStopped() {}\n");
  }
}
