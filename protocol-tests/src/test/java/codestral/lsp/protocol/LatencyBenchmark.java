package codestral.lsp.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * End-to-end benchmark, not a test (Surefire skips it by name): what the server adds to the model's
 * own latency. On a 1 MB document, each round makes one completion through the real jar (editor →
 * JSON-RPC → server → fake Codestral → server → editor) and one direct HTTP call with the same
 * streamed body to the same fake, in alternating order, and reports percentiles of each and of the
 * per-round difference (the server's added latency). As a floor, it also times a request the server
 * answers without any work (a document that is not open): the JSON-RPC round trip alone.
 *
 * <p>The server is started as users start it, through the launcher script (its JVM flags); {@code
 * -Dbench.plainJava=true} starts a plain {@code java -jar} instead. The {@code bench} profile runs
 * this class in a JVM of its own with the Epsilon collector, so that no pause of the harness (which
 * also hosts the fake) lands in either measured path.
 *
 * <p>{@code -Dbench.baselineJar=PATH} (a {@code codestral-lsp.jar} with its launcher beside it, say
 * of another commit) starts that server too and times it in the same rounds, each path taking every
 * place in the round in turn: an A/B that the machine's drift from run to run (on a shared virtual
 * machine, larger than most changes) affects alike. Both servers get {@code
 * bench.serverJvmOptions}.
 *
 * <p>{@code -Dbench.neighbours=N} opens N other Python files (the document's first 2,000 lines)
 * before it, so every completion also ranks their windows for cross-file context, as in an editor
 * with other files open. The direct call then sends a smaller body than the server does.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl server,protocol-tests package -DskipTests -Pbench [-Dbench.rounds=1000] [-Dbench.warmup=300]
 * </pre>
 */
public final class LatencyBenchmark {
  private static final String URI = "file:///bench/big.py";

  /** A document never opened: the server answers at once, so this times the JSON-RPC round trip. */
  private static final String UNOPENED = "file:///bench/not-open.py";

  private static final MediaType JSON = MediaType.get("application/json");

  private LatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 1000);
    int warmUp = Integer.getInteger("bench.warmup", 300);
    PrintStream out = System.out;
    String document = megabyteOfPython();
    String[] lines = document.split("\n", -1);
    ObjectMapper json = new ObjectMapper();
    // Nagle off, as the server's client has it, so both sides pay the same for the network.
    OkHttpClient direct =
        new OkHttpClient.Builder()
            .socketFactory(
                new javax.net.SocketFactory() {
                  private final javax.net.SocketFactory plain =
                      javax.net.SocketFactory.getDefault();

                  @Override
                  public java.net.Socket createSocket() throws java.io.IOException {
                    java.net.Socket socket = plain.createSocket();
                    socket.setTcpNoDelay(true);
                    return socket;
                  }

                  @Override
                  public java.net.Socket createSocket(String host, int port) {
                    throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
                  }

                  @Override
                  public java.net.Socket createSocket(
                      String host, int port, java.net.InetAddress local, int localPort) {
                    throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
                  }

                  @Override
                  public java.net.Socket createSocket(java.net.InetAddress host, int port) {
                    throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
                  }

                  @Override
                  public java.net.Socket createSocket(
                      java.net.InetAddress address,
                      int port,
                      java.net.InetAddress local,
                      int localPort) {
                    throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
                  }
                })
            .build();
    try (FakeCodestral fake = new FakeCodestral()) {
      fake.streamByDefault("42;", 0);
      String baselineJar = System.getProperty("bench.baselineJar", "");
      if (!baselineJar.isEmpty() && Boolean.getBoolean("bench.plainJava")) {
        throw new IllegalArgumentException(
            "bench.baselineJar starts both servers through their launchers");
      }
      // As users run it: through the launcher, with its JVM flags (serial collector, C1 only).
      // -Dbench.plainJava=true measures a plain `java -jar` instead.
      try (ServerProcess lsp = startServer(ServerProcess.jar(), fake);
          ServerProcess baseline =
              baselineJar.isEmpty() ? null : startServer(Path.of(baselineJar), fake)) {
        List<ServerProcess> servers = baseline == null ? List.of(lsp) : List.of(lsp, baseline);
        // -Dbench.neighbours=N: N other Python files open, as an editor usually has them, so each
        // completion also ranks their windows for cross-file context (the direct call sends none).
        int neighbours = Integer.getInteger("bench.neighbours", 0);
        String neighbourText =
            String.join("\n", Arrays.copyOfRange(lines, 0, Math.min(lines.length, 2_000)));
        for (ServerProcess server : servers) {
          server.initialize();
          for (int i = 0; i < neighbours; i++) {
            server.open("file:///bench/neighbour" + i + ".py", "python", neighbourText);
          }
          server.open(URI, "python", document);
        }
        long[][] viaServer = new long[servers.size()][rounds];
        long[] viaHttp = new long[rounds];
        long[][] added = new long[servers.size()][rounds];
        long[] rpc = new long[rounds];
        int[] lineStarts = lineStarts(lines);
        for (int round = -warmUp; round < rounds; round++) {
          // A different line every round, so neither the cache nor typed-ahead answers.
          int line = 100 + Math.floorMod(round * 7919, lines.length - 200);
          int character = lines[line].length();
          int cursor = lineStarts[line] + character;
          byte[] body = directBody(json, document, cursor);
          long[] server = new long[servers.size()];
          long http = 0;
          // Every path takes every place in the round in turn: whichever goes first (or after
          // which other) does not favour one of them.
          int paths = servers.size() + 1;
          for (int step = 0; step < paths; step++) {
            int path = Math.floorMod((round & 1) == 0 ? round + step : round - step, paths);
            if (path == servers.size()) {
              http = timeDirect(direct, fake.endpoint(), body);
            } else {
              server[path] = timeServer(servers.get(path), line, character);
            }
          }
          long start = System.nanoTime();
          lsp.inline(UNOPENED, line, character);
          long roundTrip = System.nanoTime() - start;
          if (round >= 0) {
            rpc[round] = roundTrip;
            viaHttp[round] = http;
            for (int i = 0; i < servers.size(); i++) {
              viaServer[i][round] = server[i];
              added[i][round] = server[i] - http;
            }
          }
          fake.drainRequests();
        }
        out.printf(
            Locale.ROOT,
            "document: %d chars, %d lines; rounds: %d (after %d warm-up)%n",
            document.length(),
            lines.length,
            rounds,
            warmUp);
        report(out, "direct HTTP call to the fake", viaHttp);
        report(out, "completion through the server", viaServer[0]);
        report(out, "added by the server (paired)", added[0]);
        report(out, "JSON-RPC round trip, no call", rpc);
        if (baseline != null) {
          report(out, "baseline: through the server", viaServer[1]);
          report(out, "baseline: added (paired)", added[1]);
        }
        for (ServerProcess server : servers) {
          server.shutdownAndExit();
        }
      }
    }
    direct.dispatcher().executorService().shutdown();
    direct.connectionPool().evictAll();
  }

  /**
   * The server of {@code jar}: through its launcher, or a plain {@code java -jar} of the build
   * under test.
   */
  private static ServerProcess startServer(Path jar, FakeCodestral fake)
      throws java.io.IOException {
    return Boolean.getBoolean("bench.plainJava")
        ? ServerProcess.start(environment(fake))
        : ServerProcess.startThroughLauncher(jar, environment(fake));
  }

  /**
   * The server's environment; {@code -Dbench.serverJvmOptions=...} passes JVM flags (a profiler):
   * through the launcher's {@code CODESTRAL_LSP_JAVA_OPTS}, or {@code JAVA_TOOL_OPTIONS} for a
   * plain {@code java -jar}.
   */
  private static java.util.Map<String, String> environment(FakeCodestral fake) {
    java.util.Map<String, String> environment = new java.util.HashMap<>();
    environment.put("CODESTRAL_API_KEY", FakeCodestral.KEY);
    environment.put("CODESTRAL_ENDPOINT", fake.endpoint());
    String jvmOptions = System.getProperty("bench.serverJvmOptions", "");
    if (!jvmOptions.isBlank()) {
      environment.put(
          Boolean.getBoolean("bench.plainJava") ? "JAVA_TOOL_OPTIONS" : "CODESTRAL_LSP_JAVA_OPTS",
          jvmOptions);
      // A first run after a build would record the launcher's archive, and the JVM turns off
      // Flight Recorder while it records one.
      environment.put("CODESTRAL_LSP_CDS", "off");
    }
    return environment;
  }

  private static long timeServer(ServerProcess lsp, int line, int character) {
    long start = System.nanoTime();
    var list = lsp.inline(URI, line, character);
    long elapsed = System.nanoTime() - start;
    if (list.getItems().isEmpty()) {
      throw new AssertionError("the server gave no suggestion at line " + line);
    }
    return elapsed;
  }

  private static long timeDirect(OkHttpClient client, String endpoint, byte[] body)
      throws Exception {
    Request request =
        new Request.Builder()
            .url(endpoint + "/v1/fim/completions")
            .header("Authorization", "Bearer " + FakeCodestral.KEY)
            .header("Accept", "text/event-stream")
            .post(RequestBody.create(body, JSON))
            .build();
    long start = System.nanoTime();
    try (Response response = client.newCall(request).execute()) {
      String text = response.body().string();
      if (!text.contains("[DONE]")) {
        throw new AssertionError("the fake did not stream: " + response.code());
      }
    }
    return System.nanoTime() - start;
  }

  /** The body the server would send: the same window sizes (8,000 chars before, 2,000 after). */
  private static byte[] directBody(ObjectMapper json, String document, int cursor)
      throws Exception {
    ObjectNode node = json.createObjectNode();
    node.put("model", "codestral-latest");
    node.put("prompt", document.substring(Math.max(0, cursor - 8_000), cursor));
    node.put("suffix", document.substring(cursor, Math.min(document.length(), cursor + 2_000)));
    node.put("max_tokens", 128);
    node.put("temperature", 0.0);
    node.put("stream", true);
    return json.writeValueAsBytes(node);
  }

  private static void report(PrintStream out, String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    out.printf(
        Locale.ROOT,
        "%-32s p50 %7.3f ms   p90 %7.3f ms   p99 %7.3f ms   max %7.3f ms%n",
        what,
        ms(sorted, 0.50),
        ms(sorted, 0.90),
        ms(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double ms(long[] sorted, double quantile) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static int[] lineStarts(String[] lines) {
    int[] starts = new int[lines.length];
    int offset = 0;
    for (int i = 0; i < lines.length; i++) {
      starts[i] = offset;
      offset += lines[i].length() + 1;
    }
    return starts;
  }

  /** About 1 MB of varied Python, so windows differ from line to line. */
  static String megabyteOfPython() {
    StringBuilder text = new StringBuilder(1 << 20);
    List<String> bodies =
        List.of(
            "    total = sum(values) * %d\n",
            "    return [v + %d for v in values]\n",
            "    if len(values) > %d:\n        values = values[:%d]\n",
            "    print(\"step %d\", values)\n");
    int n = 0;
    while (text.length() < (1 << 20)) {
      text.append("def function_").append(n).append("(values):\n");
      String body = bodies.get(n % bodies.size());
      text.append(body.replace("%d", Integer.toString(n)));
      text.append("    result_").append(n).append(" = ").append(n).append("\n\n");
      n++;
    }
    return text.toString();
  }
}
