package codestral.lsp.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --log-level} and {@code --log-file}, accepted before and after a subcommand's name. */
final class LogOptions {
  private static final Set<String> LEVELS =
      Set.of("error", "warn", "info", "debug", "trace", "off");

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  private String level;

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      description = "Append the log to FILE instead of stderr.")
  Path file;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description =
          "error, warn, info, debug, trace or off (default: CODESTRAL_LOG_LEVEL, else info when"
              + " serving and warn for the other commands).")
  void setLevel(String value) {
    String normal = value.strip().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(normal)) {
      throw new ParameterException(
          spec.commandLine(),
          "--log-level must be one of error, warn, info, debug, trace, off; got: " + value);
    }
    this.level = normal;
  }

  String level() {
    return level;
  }

  /** These options where given, else {@code outer}'s (the options before the subcommand). */
  LogOptions orElse(LogOptions outer) {
    LogOptions merged = new LogOptions();
    merged.level = level != null ? level : outer.level;
    merged.file = file != null ? file : outer.file;
    return merged;
  }
}
