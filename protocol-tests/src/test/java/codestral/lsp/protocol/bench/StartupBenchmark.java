package codestral.lsp.protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Start-up and memory of the server, beside a bare LSP4J server measured the same way.
 *
 * <p>For each target and run: the time from {@code ProcessBuilder.start} to the complete {@code
 * initialize} answer on stdout, the CPU the process used by then, its resident memory (VmRSS) one
 * second after {@code initialized}, and again after 100 documents of 100 KB were opened and a
 * {@code shutdown} answered (so all of them were applied). And, in a start of its own, the time to
 * the answer to a completion request sent right after {@code initialized}: when the server reads
 * the editor's messages. A first run of each target is a warm-up that also writes its class-data
 * sharing archive; it is not counted.
 *
 * <p>Run from the repository root after {@code mvn -B package}:
 *
 * <pre>
 * mvn -B -o -q -pl protocol-tests test-compile exec:java \
 *   -Dexec.mainClass=codestral.lsp.protocol.bench.StartupBenchmark -Dexec.classpathScope=test \
 *   -Dexec.args="--runs 7"
 * </pre>
 *
 * Options: {@code --runs N}, {@code --java JAVA_HOME} (default: the running one), {@code --only
 * NAME} (a target whose name contains NAME). Figures depend on the machine's load, which is printed
 * with them.
 */
public final class StartupBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DOCUMENTS = 100;
  private static final int DOCUMENT_BYTES = 100 * 1024;
  private static final long SETTLE_MILLIS = 1_000;
  private static final long QUIET_MILLIS = 1_500;
  private static final List<String> SMALL_JVM =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xss512k",
          "-Xms8m",
          "-Xmx256m",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30",
          "-XX:NewRatio=4",
          "-XX:-UsePerfData");

  private StartupBenchmark() {}

  /** One way to start a server. */
  record Target(
      String name,
      List<String> command,
      List<String> warmUpExtra,
      Map<String, String> environment) {
    Target(String name, List<String> command, List<String> warmUpExtra) {
      this(name, command, warmUpExtra, Map.of());
    }
  }

  /** What the launcher sets besides its flags, given to the bare server that runs with them. */
  private static final Map<String, String> LAUNCHER_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

  /** One start's figures. */
  record Sample(
      double initializeMillis,
      double readyMillis,
      double cpuMillis,
      double idleRssMb,
      double documentsRssMb) {
    Sample withReady(double millis) {
      return new Sample(initializeMillis, millis, cpuMillis, idleRssMb, documentsRssMb);
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = 7;
    String javaHome = System.getProperty("java.home");
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--java" -> javaHome = args[++i];
        case "--only" -> only = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path root = repositoryRoot();
    Path launcher = root.resolve("server/target/codestral-lsp");
    Path jar = root.resolve("server/target/codestral-lsp.jar");
    if (!Files.isRegularFile(launcher) || !Files.isRegularFile(jar)) {
      throw new IllegalStateException("run 'mvn -B package' first: " + launcher + " is missing");
    }
    String java = Path.of(javaHome, "bin", "java").toString();
    // The launcher's archive is recorded by the first session after a build, whatever it did (a
    // test's bare initialize, say): remove it so the warm-up, a session with documents, records it.
    try (var files = Files.list(launcher.getParent())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().matches("codestral-lsp-java.*\\.(jsa|aot)")) {
          Files.delete(file);
        }
      }
    }
    Path work = root.resolve("protocol-tests/target/bench");
    Files.createDirectories(work);
    // The launcher keeps an AOT cache on Java 25 and newer, a CDS archive before: so does bare.
    boolean aot = javaMajor(javaHome) >= 25;
    Path bareArchive = work.resolve(aot ? "bare-lsp4j.aot" : "bare-lsp4j.jsa");
    Files.deleteIfExists(bareArchive);
    String bareClasspath = bareClasspath(work);

    List<Target> targets = new ArrayList<>();
    targets.add(
        new Target(
            "codestral-lsp through the launcher", List.of("sh", launcher.toString()), List.of()));
    targets.add(
        new Target(
            "codestral-lsp, plain java -jar", List.of(java, "-jar", jar.toString()), List.of()));
    List<String> bareCds = new ArrayList<>(List.of(java));
    bareCds.addAll(SMALL_JVM);
    bareCds.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + bareArchive);
    bareCds.addAll(List.of("-cp", bareClasspath, BareLspServer.class.getName()));
    // The warm-up run writes the archive the counted runs use, as the launcher's first run does.
    List<String> bareDump = new ArrayList<>(List.of(java));
    bareDump.addAll(SMALL_JVM);
    bareDump.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + bareArchive);
    bareDump.addAll(List.of("-cp", bareClasspath, BareLspServer.class.getName()));
    targets.add(
        new Target(
            "bare LSP4J, launcher's flags + " + (aot ? "AOT cache" : "CDS archive"),
            bareCds,
            bareDump,
            LAUNCHER_ENVIRONMENT));
    targets.add(
        new Target(
            "bare LSP4J, plain java",
            List.of(java, "-cp", bareClasspath, BareLspServer.class.getName()),
            List.of()));

    String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
    StringBuilder table = new StringBuilder();
    table.append(
        "| server | to `initialize` answer, ms (median, min–max) | to the next request's answer, ms | CPU by the `initialize` answer, ms | RSS idle, MB | RSS with 100 × 100 KB documents, MB |\n");
    table.append("|---|---|---|---|---|---|\n");
    for (Target target : targets) {
      if (only != null && !target.name().contains(only)) {
        continue;
      }
      System.err.println("== " + target.name() + ": " + String.join(" ", target.command()));
      measure(
          target.warmUpExtra().isEmpty() ? target.command() : target.warmUpExtra(),
          javaHome,
          target.environment(),
          false);
      List<Sample> samples = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        Sample sample =
            measure(target.command(), javaHome, target.environment(), false)
                .withReady(
                    measure(target.command(), javaHome, target.environment(), true).readyMillis());
        System.err.printf(
            "   run %d: %.0f ms, ready %.0f ms, cpu %.0f ms, idle %.1f MB, documents %.1f MB%n",
            run + 1,
            sample.initializeMillis(),
            sample.readyMillis(),
            sample.cpuMillis(),
            sample.idleRssMb(),
            sample.documentsRssMb());
        samples.add(sample);
      }
      table.append(
          String.format(
              "| %s | %s | %s | %s | %s | %s |%n",
              target.name(),
              summary(samples.stream().mapToDouble(Sample::initializeMillis).toArray(), "%.0f"),
              summary(samples.stream().mapToDouble(Sample::readyMillis).toArray(), "%.0f"),
              summary(samples.stream().mapToDouble(Sample::cpuMillis).toArray(), "%.0f"),
              summary(samples.stream().mapToDouble(Sample::idleRssMb).toArray(), "%.1f"),
              summary(samples.stream().mapToDouble(Sample::documentsRssMb).toArray(), "%.1f")));
    }
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
    System.out.println(
        "Java "
            + javaVersion(javaHome)
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + runs
            + " runs per server after one warm-up; /proc/loadavg before: "
            + loadBefore
            + ", after: "
            + loadAfter);
    System.out.println();
    System.out.print(table);
  }

  /**
   * One start: spawn, initialize, idle, open documents, shut down. With {@code probe}, a start of
   * its own that stops after timing the answer to a request sent right after {@code initialized}
   * (the request loads code an idle server has not loaded, so it must not share a start with the
   * idle memory figure).
   */
  static Sample measure(
      List<String> command, String javaHome, Map<String, String> extraEnvironment, boolean probe)
      throws Exception {
    // The harness settles first: the last run's 10 MB of document JSON left its collector and JIT
    // busy, and on two cores they would share the CPU with the start being timed.
    System.gc();
    Thread.sleep(QUIET_MILLIS);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(name -> name.startsWith("CODESTRAL_") || name.startsWith("MISTRAL_"));
    environment.put("JAVA_HOME", javaHome);
    // A key and an endpoint nobody listens on: nothing may call the network, and nothing does.
    environment.put("CODESTRAL_API_KEY", "benchmark-key");
    environment.put("CODESTRAL_ENDPOINT", "http://127.0.0.1:9");
    environment.putAll(extraEnvironment);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      OutputStream in = process.getOutputStream();
      InputStream out = process.getInputStream();
      ObjectNode params = JSON.createObjectNode();
      params.put("processId", ProcessHandle.current().pid());
      params.putObject("capabilities");
      params.putNull("rootUri");
      send(in, request(1, "initialize", params));
      awaitResponse(out, 1);
      long answered = System.nanoTime();
      long pid = serverPid(process);
      double cpu = cpuMillis(pid);

      send(in, notification("initialized", JSON.createObjectNode()));
      if (probe) {
        // A completion request for a document not open, so that no server does any work:
        // answered once the server reads the editor's messages.
        ObjectNode position = JSON.createObjectNode();
        position.putObject("textDocument").put("uri", "file:///bench/NotOpen.java");
        position.putObject("position").put("line", 0).put("character", 0);
        send(in, request(3, "textDocument/completion", position));
        awaitResponse(out, 3);
        double ready = (System.nanoTime() - start) / 1e6;
        send(in, notification("exit", null));
        process.waitFor(30, TimeUnit.SECONDS);
        return new Sample((answered - start) / 1e6, ready, cpu, Double.NaN, Double.NaN);
      }
      Thread.sleep(SETTLE_MILLIS);
      double idle = rssMb(pid);

      for (int i = 0; i < DOCUMENTS; i++) {
        ObjectNode open = JSON.createObjectNode();
        ObjectNode item = open.putObject("textDocument");
        item.put("uri", "file:///bench/File" + i + ".java");
        item.put("languageId", "java");
        item.put("version", 1);
        item.put("text", document(i));
        send(in, notification("textDocument/didOpen", open));
      }
      // Answered only after every didOpen before it was applied: LSP4J handles them in order.
      send(in, request(2, "shutdown", null));
      awaitResponse(out, 2);
      Thread.sleep(SETTLE_MILLIS);
      double documents = rssMb(pid);

      send(in, notification("exit", null));
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the server did not exit");
      }
      return new Sample((answered - start) / 1e6, Double.NaN, cpu, idle, documents);
    } finally {
      process.destroyForcibly();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** A 100 KB Java-like document, different for each index so nothing can be shared. */
  static String document(int index) {
    StringBuilder text = new StringBuilder(DOCUMENT_BYTES + 100);
    text.append("package bench;\n\npublic final class File").append(index).append(" {\n");
    int line = 0;
    while (text.length() < DOCUMENT_BYTES) {
      text.append("  static int value")
          .append(line)
          .append("(int x) { return x * ")
          .append(index + line)
          .append(" + ")
          .append(line % 97)
          .append("; }\n");
      line++;
    }
    return text.append("}\n").toString();
  }

  /** The process that runs the JVM: the launcher execs it, so usually the same pid. */
  private static long serverPid(Process process) {
    return process.descendants().map(ProcessHandle::pid).findFirst().orElse(process.pid());
  }

  private static double rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  /** User + system CPU of the process so far (clock ticks of 10 ms, Linux's USER_HZ). */
  private static double cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After "pid (comm) ", field 3 (state) is index 0; utime and stime are fields 14 and 15.
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
  }

  private static String summary(double[] values, String format) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double median =
        sorted.length % 2 == 1
            ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return String.format(format, median)
        + " ("
        + String.format(format, sorted[0])
        + "–"
        + String.format(format, sorted[sorted.length - 1])
        + ")";
  }

  private static byte[] request(int id, String method, Object params) {
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    if (params != null) {
      message.set("params", JSON.valueToTree(params));
    }
    return message.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] notification(String method, Object params) {
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("method", method);
    if (params != null) {
      message.set("params", JSON.valueToTree(params));
    }
    return message.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void send(OutputStream in, byte[] body) throws IOException {
    in.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    in.write(body);
    in.flush();
  }

  /**
   * Reads messages until the response with this id; server requests and notifications are skipped.
   */
  private static void awaitResponse(InputStream out, int id) throws IOException {
    while (true) {
      JsonNode message = JSON.readTree(readMessage(out));
      if (message.path("id").asInt(-1) == id && !message.has("method")) {
        if (message.has("error")) {
          throw new IllegalStateException("error answer: " + message);
        }
        return;
      }
    }
  }

  private static byte[] readMessage(InputStream out) throws IOException {
    int length = -1;
    while (true) {
      String header = readLine(out);
      if (header.isEmpty()) {
        break;
      }
      if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).strip());
      }
    }
    if (length < 0) {
      throw new IOException("no Content-Length");
    }
    return out.readNBytes(length);
  }

  private static String readLine(InputStream out) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = out.read()) != '\n') {
      if (b < 0) {
        throw new IOException("the server closed stdout");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /**
   * The bare server packaged as codestral-lsp is: one unsigned jar with LSP4J and Gson inside. The
   * LSP4J jars from Maven are signed, and the JVM archives no class of a signed jar and checks
   * every signature at start-up, so a classpath of them would measure packaging, not LSP4J.
   */
  private static String bareClasspath(Path work) throws Exception {
    Path jar = work.resolve("bare-lsp4j-server.jar");
    Set<String> written = new HashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      String entry = BareLspServer.class.getName().replace('.', '/') + ".class";
      try (InputStream classFile =
          BareLspServer.class.getClassLoader().getResourceAsStream(entry)) {
        out.putNextEntry(new JarEntry(entry));
        classFile.transferTo(out);
        out.closeEntry();
      }
      for (Class<?> type :
          List.of(LanguageServer.class, Launcher.class, com.google.gson.Gson.class)) {
        Path library = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile in = new JarFile(library.toFile())) {
          for (JarEntry item : Collections.list(in.entries())) {
            String name = item.getName();
            boolean signatureOrManifest =
                name.startsWith("META-INF/") && !name.startsWith("META-INF/services/");
            if (item.isDirectory()
                || signatureOrManifest
                || name.endsWith("module-info.class")
                || !written.add(name)) {
              continue;
            }
            out.putNextEntry(new JarEntry(name));
            try (InputStream content = in.getInputStream(item)) {
              content.transferTo(out);
            }
            out.closeEntry();
          }
        }
      }
    }
    return jar.toString();
  }

  private static String javaVersion(String javaHome) throws IOException {
    Path release = Path.of(javaHome, "release");
    if (Files.exists(release)) {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
          return line.substring(line.indexOf('=') + 1).replace("\"", "");
        }
      }
    }
    return System.getProperty("java.version");
  }

  /** The feature release of the Java at {@code javaHome}: 17 for "17.0.15+6-Debian-1deb12u1". */
  private static int javaMajor(String javaHome) throws IOException {
    String version = javaVersion(javaHome);
    return Integer.parseInt(version.replaceFirst("^(\\d+).*", "$1"));
  }

  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
      if (Files.isDirectory(candidate.resolve("server"))
          && Files.isDirectory(candidate.resolve("protocol-tests"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("run from inside the repository: " + here);
  }
}
