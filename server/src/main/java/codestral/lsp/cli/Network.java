package codestral.lsp.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.util.List;

/**
 * The plain network probes {@code check} runs to tell a DNS failure from a refused connection from
 * a proxy in the way. An interface so tests can stand in for the machine's resolver and proxies.
 */
interface Network {

  /** The proxies Java will use for {@code uri}; {@link Proxy#NO_PROXY} alone means direct. */
  List<Proxy> proxiesFor(URI uri);

  /**
   * @throws java.net.UnknownHostException when the name does not resolve
   */
  InetAddress[] resolve(String host) throws IOException;

  /** Opens and closes a TCP connection. */
  void connect(InetSocketAddress address, int timeoutMillis) throws IOException;

  /** The machine's resolver, Java's proxy selector and real sockets. */
  static Network system() {
    return new Network() {
      @Override
      public List<Proxy> proxiesFor(URI uri) {
        ProxySelector selector = ProxySelector.getDefault();
        return selector == null ? List.of(Proxy.NO_PROXY) : selector.select(uri);
      }

      @Override
      public InetAddress[] resolve(String host) throws IOException {
        return InetAddress.getAllByName(host);
      }

      @Override
      public void connect(InetSocketAddress address, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
          socket.connect(address, timeoutMillis);
        }
      }
    };
  }
}
