package dev.hayloft.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hayloft.core.serde.JsonValues;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyReprTest {
    @Test
    void matchesPythonRepr() {
        assertEquals("{'a': 1, 'b': [True, None, 'x'], 'c': 0.1}",
                PyRepr.repr(JsonValues.map("a", 1, "b", Arrays.asList(true, null, "x"), "c", 0.1)));
        assertEquals("\"it's\"", PyRepr.repr("it's"));
        assertEquals("'a\\nb'", PyRepr.repr("a\nb"));
        assertEquals("b'some bytes'", PyRepr.repr("some bytes".getBytes()));
        assertEquals("b'\\x00\\xff'", PyRepr.repr(new byte[] {0, (byte) 0xff}));
        assertEquals(List.of("1e-05", "1e+16", "123456789.0", "0.0001", "-2.5", "1.0", "inf"),
                List.of(PyRepr.floatRepr(1e-5), PyRepr.floatRepr(1e16), PyRepr.floatRepr(123456789.0),
                        PyRepr.floatRepr(0.0001), PyRepr.floatRepr(-2.5), PyRepr.floatRepr(1.0),
                        PyRepr.floatRepr(Double.POSITIVE_INFINITY)));
    }
}
