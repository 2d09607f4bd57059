package dev.hayloft.serialization.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.reader.ReaderException;

class WholeTextReaderTest {
    @Test
    void readsLikeSnakeYamlsReader() {
        WholeTextReader r = new WholeTextReader("ab\r\nc\u0085d\uD83D\uDE42");
        assertEquals('a', r.peek());
        assertEquals("ab", r.prefixForward(2));
        assertEquals(2, r.getColumn());
        r.forward(2); // \r\n is one line break
        assertEquals(1, r.getLine());
        assertEquals(0, r.getColumn());
        r.forward(2); // c, NEL
        assertEquals(2, r.getLine());
        r.forward();
        assertEquals(0x1F642, r.peek());
        assertEquals(7, r.getIndex());
        assertEquals(0, r.peek(5));
        assertEquals("\uD83D\uDE42", r.prefix(10));
    }

    @Test
    void refusesWhatPyYamlsReaderRefuses() {
        assertThrows(ReaderException.class, () -> new WholeTextReader("a: \u0000\n"));
        assertThrows(ReaderException.class, () -> new WholeTextReader("a: \uFFFE\n"));
        assertThrows(ReaderException.class, () -> new WholeTextReader("a: \uD800\n"));
        new WholeTextReader("a: \uFFFD\uFEFF\n");
    }
}
