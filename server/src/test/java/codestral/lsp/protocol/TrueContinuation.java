package codestral.lsp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;

/**
 * The model of the typing replay, installed in {@link FakeCodestral}: it answers with the true
 * continuation of the file being typed, from the cursor to the end of the block, as a perfect model
 * would; streamed with a latency profile (time to the first token, then a time per token); and it
 * enforces a per-minute request limit with 429s, as Mistral's free tier does.
 *
 * <p>The cursor is found by looking the prompt up in the file: the person types the file exactly,
 * so the text before the cursor is a piece of it. A prompt that is not (cross-file context, a file
 * that is not the current one) gets an empty answer.
 */
final class TrueContinuation implements Function<JsonNode, MockResponse> {
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final FakeCodestral fake;
  private final long firstTokenMillis;
  private final long tokenMillis;
  private final int requestsPerMinute;
  private final Deque<Long> served = new ArrayDeque<>();
  private volatile String file = "";
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicLong promptTokens = new AtomicLong();

  /**
   * @param requestsPerMinute the limit (0: none); a request over it gets a 429
   */
  TrueContinuation(
      FakeCodestral fake, long firstTokenMillis, long tokenMillis, int requestsPerMinute) {
    this.fake = fake;
    this.firstTokenMillis = firstTokenMillis;
    this.tokenMillis = tokenMillis;
    this.requestsPerMinute = requestsPerMinute;
  }

  /** The file the person is typing now. */
  void typing(String text) {
    file = text;
  }

  int calls() {
    return calls.get();
  }

  int rateLimited() {
    return rateLimited.get();
  }

  long promptTokens() {
    return promptTokens.get();
  }

  @Override
  public MockResponse apply(JsonNode body) {
    calls.incrementAndGet();
    if (!admit()) {
      rateLimited.incrementAndGet();
      return FakeCodestral.error(
          429,
          "{\"object\":\"error\",\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\",\"code\":\"1300\"}");
    }
    String prompt = body.path("prompt").asText();
    String suffix = body.path("suffix").asText();
    int tokens = tokensOf(prompt) + tokensOf(suffix);
    promptTokens.addAndGet(tokens);
    String text = file;
    int at = text.indexOf(prompt);
    String answer =
        at < 0 || prompt.isEmpty()
            ? ""
            : endOfBlock(text, at + prompt.length(), body.path("max_tokens").asInt(128) * 4);
    return fake.streamed(answer, tokenMillis, firstTokenMillis, tokens);
  }

  /** The sliding minute's limit, counting only the requests served. */
  private synchronized boolean admit() {
    long now = System.nanoTime();
    while (!served.isEmpty() && now - served.peekFirst() >= MINUTE_NANOS) {
      served.pollFirst();
    }
    if (requestsPerMinute > 0 && served.size() >= requestsPerMinute) {
      return false;
    }
    served.addLast(now);
    return true;
  }

  /** A rough count, as a BPE tokenizer gives for code: a token per 3.6 chars. */
  static int tokensOf(String text) {
    return (int) Math.ceil(text.length() / 3.6);
  }

  /**
   * The file from {@code cursor} to the end of its block: the rest of the line, then the lines
   * indented deeper than the block's first line, then a closing line at its level; when the cursor
   * ends its line, the block is the next statement's. At most {@code maxChars}.
   */
  static String endOfBlock(String file, int cursor, int maxChars) {
    int lineEnd = indexOrEnd(file, '\n', cursor);
    boolean restBlank = file.substring(cursor, lineEnd).isBlank();
    int base = indentation(file, file.lastIndexOf('\n', cursor - 1) + 1);
    int end = lineEnd;
    int next = lineEnd + 1;
    if (restBlank && next < file.length()) {
      // At the end of a line, the next statement is the block.
      base = indentation(file, next);
      end = indexOrEnd(file, '\n', next);
      next = end + 1;
    }
    while (next < file.length()) {
      int nextEnd = indexOrEnd(file, '\n', next);
      String line = file.substring(next, nextEnd);
      if (line.isBlank()) {
        break;
      }
      int indent = indentation(file, next);
      if (indent > base) {
        end = nextEnd;
      } else {
        char first = line.strip().charAt(0);
        if (indent == base && (first == '}' || first == ')' || first == ']')) {
          end = nextEnd;
        }
        break;
      }
      next = nextEnd + 1;
    }
    return file.substring(cursor, Math.min(end, cursor + maxChars));
  }

  private static int indexOrEnd(String text, char c, int from) {
    int at = text.indexOf(c, from);
    return at < 0 ? text.length() : at;
  }

  private static int indentation(String text, int lineStart) {
    int i = lineStart;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i - lineStart;
  }
}
