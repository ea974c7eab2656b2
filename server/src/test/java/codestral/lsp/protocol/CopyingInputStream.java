package codestral.lsp.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes bytes through while keeping a copy, so tests can search all the server wrote. */
final class CopyingInputStream extends InputStream {
  private final InputStream in;
  private final ByteArrayOutputStream copy;

  /** Reads {@code in}, appending what it reads to {@code copy} (synchronized on it). */
  CopyingInputStream(InputStream in, ByteArrayOutputStream copy) {
    this.in = in;
    this.copy = copy;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      synchronized (copy) {
        copy.write(b);
      }
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = in.read(buffer, offset, length);
    if (read > 0) {
      synchronized (copy) {
        copy.write(buffer, offset, read);
      }
    }
    return read;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
