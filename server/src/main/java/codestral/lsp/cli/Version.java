package codestral.lsp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build wrote into {@code codestral-lsp.properties}. */
public final class Version {
  private Version() {}

  /** The project version, or {@code unknown} when the resource is missing (run from an IDE). */
  public static String current() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/codestral-lsp.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Fall through to "unknown": the version is informational.
    }
    return properties.getProperty("version", "unknown");
  }
}
