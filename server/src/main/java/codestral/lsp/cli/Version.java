package codestral.lsp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version the build wrote into the jar's manifest, or into {@code codestral-lsp.properties} for
 * a run from the class folders.
 */
public final class Version {
  private Version() {}

  /** The project version, or {@code unknown} when neither the manifest nor the resource has it. */
  public static String current() {
    // The JVM read the manifest when it defined the package (a class-data archive keeps it), so
    // this costs nothing; the first resource read from the jar costs the start ~15 ms.
    String manifest = Version.class.getPackage().getImplementationVersion();
    if (manifest != null) {
      return manifest;
    }
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
