package codestral.lsp.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.config.Settings;
import codestral.lsp.document.DocumentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceIndexTest {
  @TempDir Path root;
  private final List<String> read = new CopyOnWriteArrayList<>();
  private final DocumentStore documents = new DocumentStore();

  private WorkspaceIndex index(Settings.Context context) {
    WorkspaceIndex.FileReader disk = WorkspaceIndex.FileReader.disk();
    return new WorkspaceIndex(
        file ->
            file.getFileName().toString().startsWith(".env")
                || file.getFileName().toString().startsWith("secrets."),
        () -> context,
        (file, max) -> {
          read.add(root.relativize(file).toString().replace('\\', '/'));
          return disk.read(file, max);
        },
        documents);
  }

  private void write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void ignoredVendoredSensitiveBinaryAndOversizedFilesAreNeverRead() throws IOException {
    write("app/main.py", "import helpers\n");
    write("app/helpers.py", "def zorblax_helper_7(x):\n    return x\n");
    write(".gitignore", "ignored/\n*.gen.py\n!keep.gen.py\n");
    write("ignored/hidden.py", "def hidden():\n    pass\n");
    write("app/tool.gen.py", "def generated():\n    pass\n");
    write("app/keep.gen.py", "def kept():\n    pass\n");
    write("app/.codestralignore", "private_*.py\n");
    write("app/private_notes.py", "def notes():\n    pass\n");
    write(".git/info/exclude", "local.py\n");
    write("local.py", "def local():\n    pass\n");
    write("node_modules/lib/index.js", "function vendored() {}\n");
    write("target/Gen.java", "class Gen {}\n");
    write("secrets.py", "TOKEN = 'x'\n");
    write("big.py", "def big():\n    pass\n" + "#".repeat(3 * 1024) + "\n");
    Files.write(root.resolve("blob.py"), new byte[] {'d', 'e', 'f', 0, 1, 2});
    write("excluded/by_user.py", "def user():\n    pass\n");

    WorkspaceIndex index = index(new Settings.Context(true, 100, 2, 64, List.of("excluded/")));
    index.build(List.of(root), List.of(), WorkspaceIndex.Progress.NONE);

    assertThat(read)
        .containsExactlyInAnyOrder("app/main.py", "app/helpers.py", "app/keep.gen.py", "blob.py");
    assertThat(index.filesDefining("zorblax_helper_7"))
        .containsExactly(root.resolve("app/helpers.py").toString());
    assertThat(index.filesDefining("kept")).hasSize(1);
    assertThat(index.filesDefining("hidden")).isEmpty();
    assertThat(index.filesDefining("big")).isEmpty();
    assertThat(index.fileCount()).isEqualTo(3);
  }

  @Test
  void kotlinFilesAreFoundByTheirPackageWhateverTheirFolderAndFollowAChange() throws IOException {
    write("commonMain/Job.kt", "package kotlinx.coroutines\n\nfun launchJob() {}\n");
    write("jvmMain/Executors.kt", "package kotlinx.coroutines\n\nfun pool() {}\n");
    write("jvmMain/internal/Util.kt", "package kotlinx.coroutines.internal\n\nfun util() {}\n");
    WorkspaceIndex index = index(Settings.Context.defaults());
    index.build(List.of(root), List.of(), WorkspaceIndex.Progress.NONE);

    assertThat(index.filesInPackage(Language.KOTLIN, "kotlinx.coroutines"))
        .containsExactlyInAnyOrder(
            root.resolve("commonMain/Job.kt").toString(),
            root.resolve("jvmMain/Executors.kt").toString());
    assertThat(index.filesInPackage(Language.JAVA, "kotlinx.coroutines")).isEmpty();

    write("jvmMain/Executors.kt", "package kotlinx.coroutines.jvm\n\nfun pool() {}\n");
    index.refresh(root.resolve("jvmMain/Executors.kt"));
    assertThat(index.filesInPackage(Language.KOTLIN, "kotlinx.coroutines"))
        .containsExactly(root.resolve("commonMain/Job.kt").toString());
  }

  @Test
  void aChangedFileIsReadAgainAndAnIgnoredOneStillIsNot() throws IOException {
    write("a.py", "def first():\n    pass\n");
    write(".gitignore", "skip/\n");
    WorkspaceIndex index = index(Settings.Context.defaults());
    index.build(List.of(root), List.of(), WorkspaceIndex.Progress.NONE);

    write("a.py", "def second():\n    pass\n");
    index.refresh(root.resolve("a.py"));
    write("skip/b.py", "def skipped():\n    pass\n");
    index.refresh(root.resolve("skip/b.py"));
    write(".env.py", "def secret():\n    pass\n");
    index.refresh(root.resolve(".env.py"));

    assertThat(index.filesDefining("first")).isEmpty();
    assertThat(index.filesDefining("second")).hasSize(1);
    assertThat(read).containsExactly("a.py", "a.py");
    Files.delete(root.resolve("a.py"));
    index.remove(root.resolve("a.py"));
    assertThat(index.filesDefining("second")).isEmpty();
    assertThat(index.fileCount()).isZero();
  }

  @Test
  void theFilesNearestTheOpenDocumentsComeFirstWhenTheCapIsReached() throws IOException {
    write("far/away/x.py", "def far_away():\n    pass\n");
    write("near/y.py", "def near_by():\n    pass\n");
    WorkspaceIndex index = index(new Settings.Context(true, 1, 512, 64, List.of()));
    index.build(List.of(root), List.of(root.resolve("near")), WorkspaceIndex.Progress.NONE);

    assertThat(index.filesDefining("near_by")).hasSize(1);
    assertThat(read).containsExactly("near/y.py");
  }

  @Test
  void anOpenDocumentWinsOverItsFileOnDisk() throws IOException {
    write("m.py", "def on_disk():\n    pass\n");
    WorkspaceIndex index = index(Settings.Context.defaults());
    index.build(List.of(root), List.of(), WorkspaceIndex.Progress.NONE);
    String path = root.resolve("m.py").toString();
    documents.open(
        root.resolve("m.py").toUri().toString(), "python", 1, "def in_editor(a):\n    pass\n");

    assertThat(index.summary(path).orElseThrow().definitions())
        .extracting(FileSummary.Definition::name)
        .containsExactly("in_editor");
  }
}
