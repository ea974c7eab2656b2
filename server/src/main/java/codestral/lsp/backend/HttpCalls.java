package codestral.lsp.backend;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Runs an OkHttp call as a future, the way every provider needs it: cancelling the future cancels
 * the call (so {@code $/cancelRequest} closes the connection), the response is always closed, and
 * failures pass through the provider's own mapping, which keeps the key out of every message.
 */
public final class HttpCalls {

  /** Reads a successful or failed response into the result; runs on OkHttp's thread. */
  @FunctionalInterface
  public interface Reader<T> {
    /**
     * @param future the call's own future, so a streaming reader can stop once it is done
     */
    T read(Response response, Call call, CompletableFuture<T> future) throws IOException;
  }

  /** Turns a failure into what the future completes with; {@code call} may still be cancelled. */
  @FunctionalInterface
  public interface Failure {
    Throwable map(Exception failure, Call call);
  }

  private HttpCalls() {}

  /** Enqueues the call; the future completes with what {@code reader} read. */
  public static <T> CompletableFuture<T> start(Call call, Reader<T> reader, Failure failure) {
    CompletableFuture<T> future = new CompletableFuture<>();
    future.whenComplete(
        (result, error) -> {
          if (future.isCancelled()) {
            call.cancel();
          }
        });
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call failed, IOException e) {
            future.completeExceptionally(failure.map(e, failed));
          }

          @Override
          public void onResponse(Call done, Response response) {
            try (response) {
              future.complete(reader.read(response, done, future));
            } catch (IOException | RuntimeException e) {
              future.completeExceptionally(failure.map(e, done));
            }
          }
        });
    return future;
  }
}
