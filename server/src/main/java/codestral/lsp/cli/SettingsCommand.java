package codestral.lsp.cli;

import codestral.lsp.config.SettingsCatalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code codestral-lsp settings}: every setting as JSON-schema properties, for editors that offer
 * settings from a schema; the VS Code extension's {@code contributes.configuration} is made from
 * it.
 */
@Command(
    name = "settings",
    mixinStandardHelpOptions = true,
    description = {
      "Print every codestral.* setting as JSON-schema properties (type, bounds, default, description).",
      "The VS Code extension's settings are generated from this output."
    })
final class SettingsCommand implements Callable<Integer> {
  private final Cli.Context context;

  SettingsCommand(Cli.Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    context.out().println(json.writeValueAsString(SettingsCatalog.editorSchema()));
    return 0;
  }
}
