package codestral.lsp.backend.codestral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

  @Test
  void readsEachDataLineUntilDone() throws Exception {
    Buffer body =
        new Buffer()
            .writeUtf8("data: {\"a\":1}\n\n: keep-alive\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n");
    List<String> events = new ArrayList<>();
    var end = ServerSentEvents.read(body, data -> events.add(data));
    assertThat(events).containsExactly("{\"a\":1}", "{\"a\":2}");
    assertThat(end).isEqualTo(ServerSentEvents.End.DONE);
  }

  @Test
  void aListenerCanStopEarly() throws Exception {
    Buffer body = new Buffer().writeUtf8("data: 1\n\ndata: 2\n\ndata: 3\n\n");
    List<String> events = new ArrayList<>();
    var end = ServerSentEvents.read(body, data -> events.add(data) && events.size() < 2);
    assertThat(events).containsExactly("1", "2");
    assertThat(end).isEqualTo(ServerSentEvents.End.STOPPED);
  }

  @Test
  void aStreamWithoutDoneIsTruncated() throws Exception {
    Buffer body = new Buffer().writeUtf8("data: 1\n\ndata: 2");
    List<String> events = new ArrayList<>();
    assertThat(ServerSentEvents.read(body, data -> events.add(data)))
        .isEqualTo(ServerSentEvents.End.TRUNCATED);
    assertThat(events).containsExactly("1", "2");
  }

  @Test
  void crlfLineEndsAndMultiLineDataAreRead() throws Exception {
    Buffer body = new Buffer().writeUtf8("data: a\r\ndata: b\r\n\r\ndata: [DONE]\r\n\r\n");
    List<String> events = new ArrayList<>();
    assertThat(ServerSentEvents.read(body, data -> events.add(data)))
        .isEqualTo(ServerSentEvents.End.DONE);
    assertThat(events).containsExactly("a\nb");
  }
}
