package dev.hayloft.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML timestamps: java.time values in, PyYAML's date/datetime text out; nothing silently changed. */
class TimestampTest {
    private static final YamlMarshaller YAML = YamlMarshaller.create();

    @Test
    void timestampsLoadAsJavaTimeValues() {
        Map<String, Object> m = YAML.unmarshal("d: 2001-12-14\nn: 2001-12-14 21:59:43.5\nz: 2001-12-14T21:59:43Z\n"
                + "o: 2001-12-14 21:59:43 -5\n");
        assertEquals(LocalDate.of(2001, 12, 14), m.get("d"));
        assertEquals(LocalDateTime.of(2001, 12, 14, 21, 59, 43, 500_000_000), m.get("n"));
        assertEquals(OffsetDateTime.of(2001, 12, 14, 21, 59, 43, 0, ZoneOffset.UTC), m.get("z"));
        assertEquals(OffsetDateTime.of(2001, 12, 14, 21, 59, 43, 0, ZoneOffset.ofHours(-5)), m.get("o"));
        assertEquals("d: 2001-12-14\nn: 2001-12-14 21:59:43.500000\no: 2001-12-14 21:59:43-05:00\n"
                + "z: 2001-12-14 21:59:43+00:00\n", YAML.marshal(m));
    }

    @Test
    void valuesPythonCannotHoldAreRefused() {
        assertThrows(DeserializationException.class, () -> YAML.unmarshal("d: 2001-02-29\n"));
        assertThrows(DeserializationException.class, () -> YAML.unmarshal("d: 2001-12-14 21:59:43 +19:00\n"));
        assertThrows(SerializationException.class,
                () -> YAML.marshal(Map.of("t", LocalDateTime.of(2001, 1, 1, 0, 0, 0, 1))));
        assertThrows(SerializationException.class, () -> YAML.marshal(Map.of("t",
                OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(30)))));
        assertThrows(SerializationException.class, () -> YAML.marshal(Map.of("d", LocalDate.of(10_000, 1, 1))));
        // JSON has no dates (Python's json.dumps refuses them too)
        assertThrows(SerializationException.class,
                () -> JsonMarshaller.create().marshal(Map.of("d", LocalDate.of(2001, 12, 14))));
    }

    @Test
    void aPlainEqualsSignIsRefusedAsPyYamlRefusesIt() {
        assertThrows(DeserializationException.class, () -> YAML.unmarshal("a: =\n"));
        assertEquals("a: '='\n", YAML.marshal(Map.of("a", "=")));
    }
}
