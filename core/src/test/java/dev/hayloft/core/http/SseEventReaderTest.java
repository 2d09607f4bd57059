package dev.hayloft.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events as TGI's {@code /generate_stream} (no {@code [DONE]}, keep-alive comments) and OpenAI-style servers send them. */
class SseEventReaderTest {
    private static List<String> events(String body, boolean[] done) {
        List<String> out = new ArrayList<>();
        done[0] = SseEventReader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                (data, length) -> out.add(new String(data, 0, length, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void eventsWithoutDoneCommentsAndMixedLineEndings() {
        boolean[] done = new boolean[1];
        List<String> got = events(":keep-alive\n\ndata:{\"token\":1}\r\n\r\nevent: x\ndata: a\ndata: b\r\rdata: tail", done);
        assertEquals(List.of("{\"token\":1}", "a\nb"), got);
        assertFalse(done[0]);
    }

    @Test
    void doneEndsTheStreamAndWhatFollowsIsNotRead() {
        boolean[] done = new boolean[1];
        assertEquals(List.of("1"), events("data: 1\n\ndata: [DONE]\n\ndata: 2\n\n", done));
        assertTrue(done[0]);
        assertEquals(List.of(), events("data: [DONE]", done));
        assertTrue(done[0]);
    }
}
