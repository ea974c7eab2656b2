package codestral.lsp.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs one command line: parses it with picocli, configures logging, runs the command and returns
 * the process's exit code (0 success, 1 failure, 2 bad usage). Never calls {@code System.exit}, so
 * tests run it in-process.
 */
public final class Cli {
  /** The command's work failed (check found a problem, complete had nothing to print). */
  public static final int FAILED = 1;

  /** The arguments were wrong; picocli has printed what and the usage. */
  public static final int USAGE = 2;

  private Cli() {}

  /**
   * @param environment the process environment ({@code CODESTRAL_API_KEY}, …)
   * @param out the user's stdout (help, version, check's report, the completion)
   * @param err stderr (usage errors, logs unless a log file is given)
   */
  public static int run(
      String[] args,
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      ProcessEntry process) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    CommandLine commandLine = commandLine(new Context(environment, outWriter, errWriter, process));
    commandLine.setOut(outWriter);
    commandLine.setErr(errWriter);
    try {
      return commandLine.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** The command tree, for {@code run} and for tests that look at the parsed model. */
  static CommandLine commandLine(Context context) {
    CommandLine commandLine = new CommandLine(new RootCommand(context));
    commandLine.addSubcommand(new CheckCommand(context));
    commandLine.addSubcommand(new CompleteCommand(context));
    commandLine.addSubcommand(new SettingsCommand(context));
    // `codestral-lsp help [command]`: what a user tries first, the same as --help.
    commandLine.addSubcommand(new CommandLine.HelpCommand());
    commandLine.setParameterExceptionHandler(
        (error, args) -> {
          // One line saying what is wrong, not the whole usage that hides it.
          CommandLine failed = error.getCommandLine();
          failed.getErr().println("codestral-lsp: " + error.getMessage());
          failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (error, failed, parsed) -> {
          // Expected failures (a file that cannot be read, a log file in a missing folder) are
          // reported in one line; a stack trace is for bugs, and goes to the log.
          failed.getErr().println("codestral-lsp: " + describe(error));
          return FAILED;
        });
    return commandLine;
  }

  /**
   * A failure in words: the JDK's file exceptions carry only the path as their message, which
   * printed alone reads as if the program had echoed its argument.
   */
  static String describe(Exception error) {
    if (error instanceof NoSuchFileException missing) {
      return missing.getFile() + ": no such file";
    }
    if (error instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (error instanceof FileSystemException other && other.getReason() == null) {
      return other.getFile() + ": cannot be read (" + other.getClass().getSimpleName() + ")";
    }
    return error.getMessage();
  }

  /** What every command needs from the process, passed in rather than read from globals. */
  record Context(
      Map<String, String> environment, PrintWriter out, PrintWriter err, ProcessEntry process) {}
}
