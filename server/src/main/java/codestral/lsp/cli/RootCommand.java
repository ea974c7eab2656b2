package codestral.lsp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codestral-lsp}: serves LSP on stdio unless a subcommand is named. */
@Command(
    name = "codestral-lsp",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class,
    sortOptions = false,
    description = {
      "A language server that brings Codestral fill-in-the-middle completion to any LSP editor.",
      "",
      "With no command it serves LSP on stdin/stdout, which is what an editor starts; stdout then"
          + " carries the protocol only, and logs go to stderr or to --log-file.",
      "",
      "Environment: CODESTRAL_API_KEY (or MISTRAL_API_KEY), CODESTRAL_ENDPOINT (default"
          + " https://codestral.mistral.ai), CODESTRAL_LOG_LEVEL."
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 the command failed, 2 bad usage.",
      "",
      "Examples:",
      "  codestral-lsp                   serve LSP on stdio",
      "  codestral-lsp check             verify key, endpoint, a one-token completion",
      "  codestral-lsp complete app.py --line 12 --column 5",
      "  codestral-lsp settings          every codestral.* setting, as JSON schema"
    })
final class RootCommand implements Callable<Integer> {
  private final Cli.Context context;

  @Mixin LogOptions log = new LogOptions();

  @Option(names = "--stdio", description = "Serve LSP on stdin/stdout (the default).")
  boolean stdio;

  RootCommand(Cli.Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    context.process().configureLogging(log.level(), log.file, "info");
    context.process().serve();
    return 0;
  }

  /** {@code --version}: the version the build recorded, and the Java running it. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "codestral-lsp " + Version.current(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }
}
