package dev.hayloft.core.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.StreamingChunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixedKeysTest {
    private static final FixedKeys KEYS = FixedKeys.of("model", "index", "usage");

    @Test
    void mapsKeepKeyOrderAllowNullsAndEqualOrdinaryMaps() {
        Map<String, Object> m = KEYS.map("gpt", 0, null);
        assertEquals(List.of("model", "index", "usage"), new ArrayList<>(m.keySet()));
        assertTrue(m.containsKey("usage"));
        assertNull(m.get("usage"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("model", "gpt");
        expected.put("index", 0);
        expected.put("usage", null);
        assertEquals(expected, m);
        assertEquals(expected.hashCode(), m.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> m.put("model", "other"));
    }

    @Test
    void nestedValuesAreCopiedAndTheMapIsNotCopiedAgain() {
        Map<String, Object> usage = new LinkedHashMap<>(Map.of("total_tokens", 3));
        Map<String, Object> m = KEYS.map("gpt", 0, usage);
        usage.put("total_tokens", 99);
        assertEquals(Map.of("total_tokens", 3), m.get("usage"));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) m.get("usage")).clear());
        assertSame(m, JsonValues.immutableMap(m));
        assertSame(m, new StreamingChunk("a", m, null, 0, null, null, false, null, null).meta());
    }

    @Test
    void badKeysAndValueCountsAreRefusedByName() {
        assertEquals("keys[1] repeats the key 'a'",
                assertThrows(IllegalArgumentException.class, () -> FixedKeys.of("a", "a")).getMessage());
        assertEquals("keys[0] is null",
                assertThrows(IllegalArgumentException.class, () -> FixedKeys.of((String) null)).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KEYS.map("gpt"));
        assertTrue(e.getMessage().contains("expected 3 values"), e.getMessage());
    }
}
