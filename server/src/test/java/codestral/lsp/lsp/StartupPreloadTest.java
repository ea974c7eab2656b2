package codestral.lsp.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.junit.jupiter.api.Test;

class StartupPreloadTest {
  /** LSP4J's own builder, opened up to ask for the method table it would build. */
  private static final class TableOfTheBuilder extends LSPLauncher.Builder<EditorClient> {
    Map<String, JsonRpcMethod> table() {
      return getSupportedMethods();
    }
  }

  @Test
  void theHeadStartBuildsTheMethodTableLsp4jWouldBuildForThisServer() {
    TableOfTheBuilder builder = new TableOfTheBuilder();
    builder.setLocalService(new CodestralLanguageServer(null, null, null, null, code -> {}, "test", null, null, null));
    builder.setRemoteInterface(EditorClient.class);
    Map<String, JsonRpcMethod> expected = builder.table();

    Map<String, JsonRpcMethod> preloaded = StartupPreload.supportedMethods();

    assertThat(preloaded.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (name, method) -> {
          JsonRpcMethod ours = preloaded.get(name);
          assertThat(ours.isNotification()).as(name).isEqualTo(method.isNotification());
          assertThat(ours.getParameterTypes()).as(name).isEqualTo(method.getParameterTypes());
          assertThat(ours.getReturnType()).as(name).isEqualTo(method.getReturnType());
        });
    assertThat(preloaded).containsKeys("initialize", "textDocument/inlineCompletion", "codestral/chat");
  }

  @Test
  void theHandedOverHandlerReadsTheEditorsInitialize() {
    MessageJsonHandler handler = StartupPreload.start().jsonHandler();

    var message =
        handler.parseMessage(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":7,"
                + "\"capabilities\":{\"general\":{\"positionEncodings\":[\"utf-8\"]}}}}");

    assertThat(message).isInstanceOf(RequestMessage.class);
    InitializeParams params = (InitializeParams) ((RequestMessage) message).getParams();
    assertThat(params.getProcessId()).isEqualTo(7);
    assertThat(params.getCapabilities().getGeneral().getPositionEncodings()).containsExactly("utf-8");
  }
}
