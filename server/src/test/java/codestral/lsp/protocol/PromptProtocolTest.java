package codestral.lsp.protocol;

import static codestral.lsp.protocol.InProcessServer.edit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlineCompletionContext;
import org.eclipse.lsp4j.InlineCompletionItem;
import org.eclipse.lsp4j.InlineCompletionList;
import org.eclipse.lsp4j.InlineCompletionParams;
import org.eclipse.lsp4j.InlineCompletionTriggerKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SelectedCompletionInfo;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What goes into the prompt, seen on the fake's side of the wire. */
class PromptProtocolTest {
  private static final String ROOT = "file:///work/project";
  private static final String SECRET = "sk-9f8e7d6c5b4a39281706f5e4d3c2b1a0";

  @RegisterExtension final FakeCodestral fake = FakeCodestral.started();

  /** {@code initialize} with the workspace folder the editor opened, then {@code initialized}. */
  private static void initializeInWorkspace(InProcessServer lsp) {
    InitializeParams params = new InitializeParams();
    params.setProcessId((int) ProcessHandle.current().pid());
    params.setCapabilities(new ClientCapabilities());
    params.setWorkspaceFolders(List.of(new WorkspaceFolder(ROOT, "project")));
    InProcessServer.await(lsp.server().initialize(params));
    lsp.server().initialized(new InitializedParams());
  }

  @Test
  void aRecentlyEditedFilesFunctionAppearsInAnotherFilesPromptUnderItsPath() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      initializeInWorkspace(lsp);
      String util = ROOT + "/geometry/util.py";
      lsp.open(util, "python", "import math\n\n");
      lsp.change(
          util,
          edit(
              2,
              0,
              2,
              0,
              "def distance_between(point_a, point_b):\n    dx = point_a.x - point_b.x\n    dy = point_a.y - point_b.y\n    return math.hypot(dx, dy)\n"));
      String main = ROOT + "/main.py";
      String before =
          "from geometry.util import distance_between\n\nd = distance_between(point_a, ";
      lsp.open(main, "python", before + ")\n");
      lsp.inline(main, 2, 30);

      FakeCodestral.Received request = fake.takeRequest();
      assertThat(request.prompt())
          .startsWith("# geometry/util.py\n")
          .contains("def distance_between(point_a, point_b):\n    dx = point_a.x - point_b.x\n")
          .endsWith("\n\n" + before);
      assertThat(request.suffix()).isEqualTo(")\n");
    }
  }

  @Test
  void aDotEnvValueNeverAppearsInAnyRequestAndNothingIsAskedInsideIt() throws Exception {
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      initializeInWorkspace(lsp);
      String env = ROOT + "/.env";
      lsp.open(env, "dotenv", "DEBUG=1\n");
      lsp.change(env, edit(1, 0, 1, 0, "API_TOKEN=" + SECRET + "\n"));
      String settings = ROOT + "/settings.py";
      lsp.open(settings, "python", "");
      lsp.change(
          settings,
          edit(
              0,
              0,
              0,
              0,
              "API_TOKEN = '"
                  + SECRET
                  + "'\n\ndef load_api_token(environ):\n    return environ['API_TOKEN']\n"));
      String main = ROOT + "/main.py";
      lsp.open(
          main,
          "python",
          "token = load_api_token(environ)  # API_TOKEN\nheaders = {'Authorization': token}\n");

      lsp.inline(main, 1, 0);
      lsp.completion(main, 1, 7); // another position: the cache would share an identical request
      // Inside the .env itself: no request at all, both shapes answer empty.
      assertThat(lsp.inline(env, 1, 10).getItems()).isEmpty();
      assertThat(lsp.completion(env, 1, 10).getItems()).isEmpty();

      List<FakeCodestral.Received> requests = fake.drainRequests();
      assertThat(requests).hasSize(2);
      for (FakeCodestral.Received request : requests) {
        assertThat(request.body().toString()).doesNotContain(SECRET).doesNotContain("sk-9f8e");
        // The neighbour's function came along; its secret line and the .env did not.
        assertThat(request.prompt())
            .contains("# settings.py\n", "def load_api_token(environ):")
            .doesNotContain("# .env");
      }
      assertThat(lsp.log()).doesNotContain(SECRET);
    }
  }

  @Test
  void theSelectedMenuItemEndsThePromptAndTheAnswerExtendsItOverItsRange() throws Exception {
    fake.enqueueCompletion("(\"hello\")");
    try (InProcessServer lsp = InProcessServer.startAgainst(fake)) {
      initializeInWorkspace(lsp);
      String uri = ROOT + "/Main.java";
      lsp.open(uri, "java", "class Main {\n  void run() {\n    System.out.pri\n  }\n}\n");
      Range selected = new Range(new Position(2, 15), new Position(2, 18));
      InlineCompletionContext context =
          new InlineCompletionContext(InlineCompletionTriggerKind.Automatic);
      context.setSelectedCompletionInfo(new SelectedCompletionInfo(selected, "println"));
      var answer =
          InProcessServer.await(
              lsp.server()
                  .getTextDocumentService()
                  .inlineCompletion(
                      new InlineCompletionParams(
                          new TextDocumentIdentifier(uri), new Position(2, 18), context)));

      FakeCodestral.Received request = fake.takeRequest();
      assertThat(request.prompt()).endsWith("    System.out.println");
      assertThat(request.suffix()).isEqualTo("\n  }\n}\n");
      InlineCompletionList list =
          answer.isRight() ? answer.getRight() : new InlineCompletionList(answer.getLeft());
      assertThat(list.getItems()).hasSize(1);
      InlineCompletionItem item = list.getItems().get(0);
      assertThat(item.getInsertText().getLeft()).isEqualTo("println(\"hello\")");
      assertThat(item.getRange()).isEqualTo(selected);
    }
  }
}
