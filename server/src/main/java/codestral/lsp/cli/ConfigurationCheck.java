package codestral.lsp.cli;

import codestral.lsp.backend.BackendException;
import codestral.lsp.backend.FimBackend;
import codestral.lsp.backend.FimRequest;
import codestral.lsp.backend.FimResult;
import codestral.lsp.config.ApiKey;
import codestral.lsp.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code check}'s three steps (key, endpoint, a one-token completion) and, for each failure, what
 * it most likely means and what to do. The completion goes through the server's own backend, so a
 * check that passes means the server's calls will pass too.
 *
 * <p>Transport failures reach us from the backend with their type folded into the message (the
 * backend drops the original exception lest it carry the key), so the endpoint step probes DNS and
 * TCP itself with typed results before the completion is tried.
 */
final class ConfigurationCheck {
  static final String CODESTRAL_HOST = "codestral.mistral.ai";
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long CALL_TIMEOUT_SECONDS = 75;
  private static final List<String> PROXY_VARIABLES =
      List.of("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy");

  private final Settings settings;
  private final FimBackend backend;
  private final Map<String, String> environment;
  private final Network network;

  ConfigurationCheck(
      Settings settings, FimBackend backend, Map<String, String> environment, Network network) {
    this.settings = settings;
    this.backend = backend;
    this.environment = environment;
    this.network = network;
  }

  /** Runs the steps in order, printing one verdict each; false at the first failure. */
  boolean run(PrintWriter out) {
    out.println("codestral-lsp check");
    boolean passed = key(out) && endpoint(out) && completion(out);
    out.println();
    out.println(passed ? "All checks passed." : "Check failed: see above.");
    out.flush();
    return passed;
  }

  private boolean key(PrintWriter out) {
    ApiKey key = settings.apiKey();
    if (key == null) {
      return fail(
          out,
          "key",
          "no API key is set.",
          "Set CODESTRAL_API_KEY to a Codestral key (for " + "https://" + CODESTRAL_HOST + "), or",
          "MISTRAL_API_KEY with CODESTRAL_ENDPOINT=https://api.mistral.ai for a Mistral API key.",
          "Editors can pass the codestral.apiKey setting instead.");
    }
    // The length and the source only: no part of the key is ever printed.
    return pass(out, "key", key.source() + " is set (" + key.reveal().length() + " characters)");
  }

  private boolean endpoint(PrintWriter out) {
    URI uri;
    try {
      uri = new URI(settings.endpoint());
    } catch (Exception e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme())
            || "https".equalsIgnoreCase(uri.getScheme()))) {
      return fail(
          out,
          "endpoint",
          "'" + settings.endpoint() + "' is not an http(s) URL.",
          "CODESTRAL_ENDPOINT is the API's base URL, e.g. https://" + CODESTRAL_HOST + ".");
    }
    String host = uri.getHost();
    int port =
        uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    Proxy proxy =
        network.proxiesFor(uri).stream()
            .filter(candidate -> candidate.type() != Proxy.Type.DIRECT)
            .findFirst()
            .orElse(null);
    if (proxy != null && proxy.address() instanceof InetSocketAddress) {
      InetSocketAddress address = (InetSocketAddress) proxy.address();
      try {
        network.connect(address, CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        return fail(
            out,
            "endpoint",
            "the proxy "
                + address.getHostString()
                + ":"
                + address.getPort()
                + " (from Java's proxy settings) cannot be reached: "
                + describe(e)
                + ".",
            "Check -Dhttps.proxyHost / -Dhttps.proxyPort, or that the proxy is running.");
      }
      return pass(
          out,
          "endpoint",
          settings.endpoint()
              + " through the proxy "
              + address.getHostString()
              + ":"
              + address.getPort());
    }
    String ignoredProxy = ignoredProxyVariable();
    InetAddress[] addresses;
    try {
      addresses = network.resolve(host);
    } catch (IOException e) {
      return fail(
          out,
          "endpoint",
          "DNS: " + host + " does not resolve (" + describe(e) + ").",
          "Check the spelling of CODESTRAL_ENDPOINT and that this machine is online.",
          ignoredProxy != null
              ? proxyHint(ignoredProxy)
              : "Behind a proxy, Java needs -Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT.");
    }
    long start = System.nanoTime();
    try {
      network.connect(new InetSocketAddress(addresses[0], port), CONNECT_TIMEOUT_MILLIS);
    } catch (ConnectException e) {
      return fail(
          out,
          "endpoint",
          "connection refused by "
              + host
              + ":"
              + port
              + " ("
              + addresses[0].getHostAddress()
              + ").",
          "Nothing listens there: check the port in CODESTRAL_ENDPOINT, or start the local proxy.",
          ignoredProxy != null ? proxyHint(ignoredProxy) : "");
    } catch (IOException e) {
      return fail(
          out,
          "endpoint",
          "no connection to "
              + host
              + ":"
              + port
              + " within "
              + CONNECT_TIMEOUT_MILLIS / 1000
              + " s ("
              + describe(e)
              + ").",
          "A firewall may drop the traffic.",
          ignoredProxy != null
              ? proxyHint(ignoredProxy)
              : "Behind a proxy, Java needs -Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT.");
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    pass(
        out,
        "endpoint",
        settings.endpoint()
            + ": "
            + host
            + " resolves to "
            + addresses[0].getHostAddress()
            + ", port "
            + port
            + " accepts connections ("
            + millis
            + " ms)");
    if (ignoredProxy != null) {
      detail(out, "note: " + proxyHint(ignoredProxy));
    }
    return true;
  }

  private boolean completion(PrintWriter out) {
    FimRequest request =
        new FimRequest(settings.model(), "def add(a, b):\n    return ", "\n", 1, 0.0, List.of());
    long start = System.nanoTime();
    FimResult result;
    try {
      CompletableFuture<FimResult> call = backend.complete(request);
      try {
        result = call.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        call.cancel(true);
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(out, "completion", "interrupted.");
    } catch (TimeoutException e) {
      return fail(
          out,
          "completion",
          "no answer within " + CALL_TIMEOUT_SECONDS + " s.",
          "The endpoint accepts connections but does not answer: is it the API?");
    } catch (ExecutionException | CompletionException | CancellationException e) {
      return diagnose(out, BackendException.unwrap(e));
    } catch (RuntimeException e) {
      return diagnose(out, e);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String model =
        result.model() == null || result.model().isEmpty() ? settings.model() : result.model();
    return pass(
        out,
        "completion",
        "a one-token completion answered in " + millis + " ms (model " + model + ")");
  }

  /** What a failed completion means, in words a user can act on. */
  private boolean diagnose(PrintWriter out, Throwable failure) {
    String url = settings.endpoint() + "/v1/fim/completions";
    if (failure instanceof BackendException) {
      BackendException error = (BackendException) failure;
      switch (error.kind()) {
        case UNAUTHORIZED:
          return unauthorized(out, error.status());
        case NOT_FOUND:
          return fail(
              out,
              "completion",
              "HTTP 404 from " + url + ": there is no FIM endpoint there.",
              "CODESTRAL_ENDPOINT is the base URL (e.g. https://"
                  + CODESTRAL_HOST
                  + "), and the model "
                  + settings.model()
                  + " must exist there.");
        case MALFORMED_RESPONSE:
          return fail(
              out,
              "completion",
              hostOf()
                  + " answered HTTP "
                  + error.status()
                  + ", but not with Codestral's JSON ("
                  + error.getMessage()
                  + ").",
              "The endpoint is probably not the API's base URL: a web page, a proxy's or a",
              "captive portal's login page? Use the base URL, e.g. https://"
                  + CODESTRAL_HOST
                  + ".");
        case RATE_LIMITED:
          return fail(
              out,
              "completion",
              "HTTP 429: the key works, but its rate limit is reached right now.",
              "Wait a minute and check again; completions resume by themselves.");
        case SERVER_ERROR:
          return fail(
              out,
              "completion",
              "HTTP "
                  + error.status()
                  + ": "
                  + hostOf()
                  + " has trouble right now ("
                  + error.getMessage()
                  + ").",
              "Nothing to fix on your side: try again later.");
        case INVALID_REQUEST:
          return fail(
              out,
              "completion",
              error.getMessage() + ".",
              "Check codestral.model ("
                  + settings.model()
                  + "): the endpoint must serve a FIM model.");
        default:
          if (error.status() == 407) {
            return proxyAuthentication(out);
          }
          return fail(out, "completion", error.getMessage() + ".");
      }
    }
    String message = String.valueOf(failure.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (asksProxyCredentials(message)) {
      return proxyAuthentication(out);
    }
    if (lower.contains("ssl") || lower.contains("certif") || lower.contains("pkix")) {
      return fail(
          out,
          "completion",
          "TLS failed with " + hostOf() + ": " + message,
          "If your network inspects HTTPS (a company proxy, an antivirus), Java does not trust the",
          "certificate it presents: add that CA to a trust store and pass",
          "-Djavax.net.ssl.trustStore=FILE (CODESTRAL_LSP_JAVA_OPTS for the launcher).",
          "An endpoint that speaks plain http must be written http://, not https://.");
    }
    if (failure instanceof UnknownHostException || lower.startsWith("unknownhostexception")) {
      return fail(
          out, "completion", "DNS failed: " + message, "Check CODESTRAL_ENDPOINT and the network.");
    }
    if (failure instanceof ConnectException || lower.startsWith("connectexception")) {
      return fail(
          out,
          "completion",
          "connection failed: " + message,
          "Check CODESTRAL_ENDPOINT and that the server is up.");
    }
    if (failure instanceof SocketTimeoutException
        || lower.contains("timeout")
        || lower.contains("timed out")) {
      return fail(
          out,
          "completion",
          "timed out: " + message,
          "The endpoint accepts connections but does not answer in time.");
    }
    return fail(out, "completion", message);
  }

  private boolean unauthorized(PrintWriter out, int status) {
    String host = hostOf();
    ApiKey key = settings.apiKey();
    String refused =
        "HTTP "
            + status
            + " from "
            + settings.endpoint()
            + ": the key ("
            + key.source()
            + ") was refused.";
    String later =
        "A revoked key gives the same answer; a new key can take a minute to start working.";
    if (CODESTRAL_HOST.equalsIgnoreCase(host)) {
      return fail(
          out,
          "completion",
          refused,
          CODESTRAL_HOST + " accepts Codestral keys only (Mistral console: Codestral).",
          "A regular Mistral API key (console: API Keys) works only with https://api.mistral.ai:",
          "if that is what you have, set CODESTRAL_ENDPOINT=https://api.mistral.ai.",
          "MISTRAL_API_KEY".equals(key.source())
              ? "The key comes from MISTRAL_API_KEY, which usually holds a regular Mistral key."
              : "",
          later);
    }
    if (isMistralApiHost(host)) {
      return fail(
          out,
          "completion",
          refused,
          host + " accepts regular Mistral API keys only (console: API Keys).",
          "A Codestral key works only with https://" + CODESTRAL_HOST + ":",
          "if that is what you have, unset CODESTRAL_ENDPOINT or set it to https://"
              + CODESTRAL_HOST
              + ".",
          "CODESTRAL_API_KEY".equals(key.source())
              ? "The key comes from CODESTRAL_API_KEY, which usually holds a Codestral key."
              : "",
          later);
    }
    return fail(
        out,
        "completion",
        refused,
        host + " is not a Mistral domain (a proxy or gateway?): use the key it issued.",
        "Mistral's own keys: Codestral keys for https://"
            + CODESTRAL_HOST
            + ", Mistral API keys for https://api.mistral.ai.",
        later);
  }

  private boolean proxyAuthentication(PrintWriter out) {
    return fail(
        out,
        "completion",
        "the proxy asks for credentials (HTTP 407).",
        "codestral-lsp sends no proxy credentials: use a proxy that does not require them for",
        "this host, or a local forwarding proxy that adds them.");
  }

  static boolean isMistralApiHost(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.equals("api.mistral.ai")
        || (lower.startsWith("api.") && lower.endsWith(".mistral.ai"));
  }

  private String hostOf() {
    try {
      String host = new URI(settings.endpoint()).getHost();
      return host == null ? settings.endpoint() : host;
    } catch (Exception e) {
      return settings.endpoint();
    }
  }

  /** A proxy variable the shell has set; Java does not read these. */
  private String ignoredProxyVariable() {
    for (String name : PROXY_VARIABLES) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        return name;
      }
    }
    return null;
  }

  private static String proxyHint(String variable) {
    return variable
        + " is set, but Java ignores it: pass -Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT"
        + " (CODESTRAL_LSP_JAVA_OPTS for the launcher).";
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static boolean pass(PrintWriter out, String step, String text) {
    out.printf("  %-10s ok    %s%n", step, text);
    return true;
  }

  private static boolean fail(PrintWriter out, String step, String text, String... details) {
    out.printf("  %-10s FAIL  %s%n", step, text);
    for (String detail : details) {
      if (!detail.isEmpty()) {
        detail(out, detail);
      }
    }
    return false;
  }

  private static void detail(PrintWriter out, String text) {
    out.printf("  %-10s       %s%n", "", text);
  }

  /**
   * Whether OkHttp's message says the proxy wants credentials: its two wordings of a 407 to
   * CONNECT. Not any "407": a port such as 40751 in a TLS error is no proxy's doing.
   */
  static boolean asksProxyCredentials(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("authenticate with proxy")
        || lower.matches("(?s).*response code for connect: 407\\b.*");
  }
}
