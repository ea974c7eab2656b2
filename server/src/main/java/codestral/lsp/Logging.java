package codestral.lsp;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Routes the JDK's platform logging ({@link System.Logger}, used throughout) to stderr, one line a
 * record, at the level {@code CODESTRAL_LOG_LEVEL} names. stdout is the protocol and is never a log
 * target.
 */
final class Logging {
  private Logging() {}

  static void configure(String levelName, PrintStream stderr) {
    Level level = parse(levelName);
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    Handler handler =
        new StreamHandler(stderr, new OneLineFormatter()) {
          @Override
          public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    handler.setLevel(level);
    root.addHandler(handler);
    root.setLevel(level);
    // Libraries log at their own levels; keep their chatter out unless asked for.
    Logger.getLogger("org.eclipse.lsp4j").setLevel(level.intValue() <= Level.FINE.intValue() ? level : Level.WARNING);
  }

  static Level parse(String name) {
    if (name == null || name.isBlank()) {
      return Level.INFO;
    }
    switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "trace":
        return Level.FINEST;
      case "debug":
        return Level.FINE;
      case "warn":
      case "warning":
        return Level.WARNING;
      case "error":
        return Level.SEVERE;
      case "off":
        return Level.OFF;
      default:
        return Level.INFO;
    }
  }

  private static final class OneLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Override
    public String format(LogRecord record) {
      String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
      String shortName = logger.substring(logger.lastIndexOf('.') + 1);
      StringBuilder line =
          new StringBuilder()
              .append(LocalTime.now().format(TIME))
              .append(' ')
              .append(record.getLevel().getName())
              .append(' ')
              .append(shortName)
              .append(": ")
              .append(formatMessage(record))
              .append(System.lineSeparator());
      if (record.getThrown() != null) {
        line.append("  ").append(record.getThrown()).append(System.lineSeparator());
      }
      return line.toString();
    }
  }
}
