package dev.hayloft.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.errors.OpenAIInvalidDataException;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.http.ErrorBodyException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The event-stream reader over line endings, read boundaries and malformed events. */
class SseChunksTest {
    private static final ComponentInfo INFO = new ComponentInfo("test", "llm");

    private static String event(String delta, String finish) {
        return "data: {\"id\":\"c1\",\"model\":\"m-1\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":" + finish + "}]}";
    }

    private static String body(String eol) {
        return event("{\"role\":\"assistant\",\"content\":\"\"}", "null") + eol + eol
                + ": keep-alive comment" + eol + "event: message" + eol + "id: 7" + eol
                + event("{\"content\":\"Hé\"}", "null") + eol + eol
                + event("{\"content\":\"llo\"}", "null") + eol + eol
                + event("{}", "\"stop\"") + eol + eol
                + "data: {\"id\":\"c1\",\"model\":\"m-1\",\"choices\":[],\"usage\":{\"total_tokens\":3}}" + eol + eol
                + "data: [DONE]" + eol + eol;
    }

    /** Returns its bytes {@code step} at a time, so events and line endings straddle reads. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static List<StreamingChunk> read(InputStream in, boolean[] done) {
        OpenAIStream stream = new OpenAIStream(INFO, null);
        done[0] = SseChunks.read(in, stream);
        return stream.chunks();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEndingAndEveryReadBoundaryGivesTheSameChunks(String eol) {
        byte[] bytes = body(eol).getBytes(StandardCharsets.UTF_8);
        for (int step : new int[] {1, 2, 3, 7, 64, 1 << 16}) {
            boolean[] done = {false};
            List<StreamingChunk> chunks = read(trickle(bytes, step), done);
            assertTrue(done[0], "[DONE] seen, step " + step);
            assertEquals("Héllo", chunks.stream().map(StreamingChunk::content).collect(Collectors.joining()),
                    "text, step " + step);
            assertEquals(5, chunks.size(), "step " + step);
            assertEquals("m-1", chunks.get(1).meta().get("model"));
            assertEquals(Map.of("total_tokens", 3), chunks.get(4).meta().get("usage"));
        }
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() {
        String body = "data: {\"model\":\"m\",\ndata: \"choices\":[{\"delta\":{\"content\":\"a\"},"
                + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        boolean[] done = {false};
        List<StreamingChunk> chunks = read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), done);
        assertTrue(done[0]);
        assertEquals("a", chunks.get(0).content());
    }

    @Test
    void aStreamWithoutDoneReportsItAndDropsAnUnterminatedEvent() {
        String body = event("{\"content\":\"a\"}", "null") + "\n\n" + event("{\"content\":\"b\"}", "null");
        boolean[] done = {true};
        List<StreamingChunk> chunks = read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), done);
        assertFalse(done[0]);
        assertEquals(1, chunks.size());
    }

    @Test
    void aFinalDoneWithoutItsBlankLineEndsCleanly() {
        String body = event("{\"content\":\"a\"}", "\"stop\"") + "\n\ndata: [DONE]";
        boolean[] done = {false};
        read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), done);
        assertTrue(done[0]);
    }

    @Test
    void textAfterTheJsonObjectIsInvalidData() {
        String body = event("{\"content\":\"a\"}", "null") + " trailing\n\n";
        assertThrows(OpenAIInvalidDataException.class,
                () -> read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), new boolean[1]));
        for (String cut : new String[] {"data: {\"x\":{\"b\":{}\n\n", "data: {\"model\":\"m\"} 5\n\n",
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}\n\n", "data: 17\n\n",
                "data: {\"model\":\"m\"}{\"model\":\"n\"}\n\n"}) {
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> assertThrows(
                    OpenAIInvalidDataException.class, () -> read(new ByteArrayInputStream(
                            cut.getBytes(StandardCharsets.UTF_8)), new boolean[1]), cut));
        }
        String notObject = "data: [1, 2]\n\n";
        assertThrows(OpenAIInvalidDataException.class,
                () -> read(new ByteArrayInputStream(notObject.getBytes(StandardCharsets.UTF_8)), new boolean[1]));
    }

    @Test
    void errorNullIsNoErrorButAnErrorObjectIs() {
        String ok = "data: {\"model\":\"m\",\"error\":null,\"choices\":[{\"delta\":{\"content\":\"a\"},"
                + "\"finish_reason\":\"stop\"}]}\n\n";
        assertEquals("a", read(new ByteArrayInputStream(ok.getBytes(StandardCharsets.UTF_8)), new boolean[1]).get(0)
                .content());
        String error = "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n";
        ErrorBodyException e = assertThrows(ErrorBodyException.class,
                () -> read(new ByteArrayInputStream(error.getBytes(StandardCharsets.UTF_8)), new boolean[1]));
        assertTrue(e.inStream());
        assertEquals("overloaded", ((Map<?, ?>) e.body().get("error")).get("message"));
    }

    @Test
    void toolCallDeltasKeepTheirRawShapeInMeta() {
        String body = "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,"
                + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]},"
                + "\"finish_reason\":null}]}\n\n";
        List<StreamingChunk> chunks = read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                new boolean[1]);
        StreamingChunk c = chunks.get(0);
        assertEquals(1, c.index());
        assertEquals("weather", c.toolCalls().get(0).toolName());
        assertNull(c.toolCalls().get(0).arguments());
        assertEquals(List.of(Map.of("index", 1, "id", "call_1", "type", "function",
                "function", Map.of("name", "weather", "arguments", ""))), c.meta().get("tool_calls"));
        assertTrue(c.start());
    }
}
