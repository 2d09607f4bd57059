package dev.hayloft.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlMarshallerTest {
    static String resource(String name) {
        try (InputStream in = YamlMarshallerTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** pyyaml_parity.yaml was written by PyYAML 6.0.3's yaml.dump (Haystack's marshaller) from the JSON. */
    @Test
    void writesWhatHaystacksPyYamlDumperWrites() {
        Map<String, Object> dict = Json.parseObject(resource("pyyaml_parity.json"));
        String expected = resource("pyyaml_parity.yaml");
        assertEquals(expected, YamlMarshaller.create().marshal(dict));
        assertEquals(dict, YamlMarshaller.create().unmarshal(expected));
    }

    @Test
    void readsHaystacksPythonTupleTagAsAList() {
        Map<String, Object> m = YamlMarshaller.create().unmarshal("size: !!python/tuple [1024, 768]\n");
        assertEquals(List.of(1024, 768), m.get("size"));
    }

    @Test
    void jsonMarshallerRoundTrips() {
        Map<String, Object> dict = Json.parseObject(resource("pyyaml_parity.json"));
        JsonMarshaller json = JsonMarshaller.create();
        String text = json.marshal(dict);
        assertEquals(dict, json.unmarshal(text));
        assertEquals(text, json.marshal(json.unmarshal(text)));
        assertThrows(DeserializationException.class, () -> json.unmarshal("{\"a\": 1, \"a\": 2}"));
        assertThrows(DeserializationException.class, () -> json.unmarshal("[1, 2]"));
    }

    @Test
    void rejectsNonMappingsDuplicatesAndNonStringKeys() {
        YamlMarshaller y = YamlMarshaller.create();
        assertTrue(assertThrows(DeserializationException.class, () -> y.unmarshal("- a\n- b\n")).getMessage()
                .contains("mapping at the top level"));
        assertThrows(DeserializationException.class, () -> y.unmarshal(""));
        assertThrows(DeserializationException.class, () -> y.unmarshal("a: 1\na: 2\n"));
        DeserializationException key = assertThrows(DeserializationException.class,
                () -> y.unmarshal("components:\n  1: x\n"));
        assertEquals("components", key.path().orElseThrow());
        DeserializationException syntax = assertThrows(DeserializationException.class,
                () -> y.unmarshal("a: [1, 2\nb: 3\n"));
        assertTrue(syntax.getMessage().contains("line"), syntax.getMessage());
    }
}
