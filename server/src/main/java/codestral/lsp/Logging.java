package codestral.lsp;

import codestral.lsp.config.ApiKey;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Routes the JDK's platform logging ({@link System.Logger}, used throughout) to stderr, one line a
 * record, at the level {@code CODESTRAL_LOG_LEVEL} (or the {@code codestral.logLevel} setting)
 * names; and, when the client asks for traces, also to the client as {@code $/logTrace}.
 *
 * <p>stdout is the protocol and is never a log target. Every line, whichever way it leaves, is
 * formatted by one formatter that masks every API key the process has seen ({@link ApiKey#mask}): a
 * library's exception text or a URL the user pasted a key into cannot leak it.
 */
public final class Logging {
  private static final Object LOCK = new Object();
  private static Handler stderrHandler;
  private static Handler traceHandler;

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
    synchronized (LOCK) {
      stderrHandler = handler;
    }
    root.addHandler(handler);
    applyLevel(level);
  }

  /** Changes the level at run time ({@code codestral.logLevel}); null or blank changes nothing. */
  public static void setLevel(String levelName) {
    if (levelName == null || levelName.isBlank()) {
      return;
    }
    applyLevel(parse(levelName));
  }

  private static void applyLevel(Level level) {
    Logger root = Logger.getLogger("");
    synchronized (LOCK) {
      if (stderrHandler != null) {
        stderrHandler.setLevel(level);
      }
      root.setLevel(level);
    }
    // Libraries log at their own levels; keep their chatter out unless asked for.
    Logger.getLogger("org.eclipse.lsp4j")
        .setLevel(level.intValue() <= Level.FINE.intValue() ? level : Level.WARNING);
    Logger.getLogger("okhttp3")
        .setLevel(level.intValue() <= Level.FINE.intValue() ? level : Level.WARNING);
  }

  /**
   * Also sends log lines to {@code sink} (the client's {@code $/logTrace}): with {@code verbose}
   * everything the log level lets through, else info and above. Null stops it. Records of the
   * JSON-RPC library are not forwarded, since sending a trace could itself log and loop.
   */
  public static void traceTo(Consumer<String> sink, boolean verbose) {
    Logger root = Logger.getLogger("");
    synchronized (LOCK) {
      if (traceHandler != null) {
        root.removeHandler(traceHandler);
        traceHandler = null;
      }
      if (sink != null) {
        traceHandler = new TraceHandler(sink);
        traceHandler.setLevel(verbose ? Level.ALL : Level.INFO);
        root.addHandler(traceHandler);
      }
    }
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

  /** Forwards formatted lines to the client; never re-entered from its own sending. */
  private static final class TraceHandler extends Handler {
    private static final ThreadLocal<Boolean> SENDING = ThreadLocal.withInitial(() -> false);
    private final Consumer<String> sink;

    TraceHandler(Consumer<String> sink) {
      this.sink = sink;
      setFormatter(new OneLineFormatter());
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record) || SENDING.get()) {
        return;
      }
      String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
      if (logger.startsWith("org.eclipse.lsp4j")) {
        return;
      }
      SENDING.set(true);
      try {
        sink.accept(getFormatter().format(record).stripTrailing());
      } catch (RuntimeException e) {
        // The client is gone or the stream broke; stderr still has the line.
      } finally {
        SENDING.set(false);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static final class OneLineFormatter extends Formatter {
    /** In a holder: java.time's formatting classes load with the first line, not at start-up. */
    private static final class Time {
      static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    }

    @Override
    public String format(LogRecord record) {
      String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
      String shortName = logger.substring(logger.lastIndexOf('.') + 1);
      StringBuilder line =
          new StringBuilder()
              .append(LocalTime.now().format(Time.FORMAT))
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
      // The last line of defence: whatever was built above, no key leaves.
      return ApiKey.mask(line.toString());
    }
  }
}
