package codestral.lsp.cli;

import codestral.lsp.app.ServerLauncher;
import codestral.lsp.config.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code check}: the set-up verified end to end, with a diagnosis of what is wrong. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Verify the key, the endpoint and a one-token completion.",
    description = {
      "",
      "Checks end to end that an API key is set, that the endpoint resolves and accepts"
          + " connections, and that a one-token completion (max_tokens 1) succeeds through the"
          + " same client the server uses. A failure is explained (a key of the wrong type for"
          + " the endpoint, 401, 404, DNS, a refused connection, a proxy, TLS) and exits with 1."
    })
final class CheckCommand implements Callable<Integer> {
  private final Cli.Context context;

  @ParentCommand RootCommand root;

  @Mixin LogOptions log = new LogOptions();

  CheckCommand(Cli.Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    LogOptions effective = log.orElse(root.log);
    context.process().configureLogging(effective.level(), effective.file, "warn");
    Settings settings = Settings.fromEnvironment(context.environment());
    ConfigurationCheck check =
        new ConfigurationCheck(
            settings,
            ServerLauncher.fimBackend(() -> settings),
            context.environment(),
            Network.system());
    return check.run(context.out()) ? 0 : Cli.FAILED;
  }
}
