package dev.hayloft.core.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnObjectFromAStreamInOrder() {
        Map<String, Object> m = Json.parseObject(utf8("{\"b\": 1, \"a\": [true, null], \"city\": \"Zürich\"}"));
        assertEquals(List.of("b", "a", "city"), List.copyOf(m.keySet()));
        assertEquals("Zürich", m.get("city"));
        assertEquals(Json.parseObject("{\"b\": 1, \"a\": [true, null], \"city\": \"Zürich\"}"), m);
    }

    @Test
    void streamFailuresAreClassified() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Json.parseObject(utf8("[1]")));
        assertEquals(true, bad.getMessage().startsWith("invalid JSON object"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject(utf8("null")));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject((InputStream) null));
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        UncheckedIOException io = assertThrows(UncheckedIOException.class, () -> Json.parseObject(broken));
        assertEquals("connection reset", io.getCause().getMessage());
    }

    @Test
    void textAfterTheValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"city\": \"Oslo\"} trailing words"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\": 1}{\"b\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] 2"));
        assertEquals(Map.of("a", 1), Json.parseObject(" {\"a\": 1}\n "));
    }
}
