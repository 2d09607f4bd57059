package dev.hayloft.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.Json;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * yaml-scalars/scalars.json was written by yaml-scalars/generate.py with PyYAML 6 as Haystack's
 * marshaller calls it: each dump case must be byte-identical and load back to the same value,
 * each load case must give the value PyYAML's safe loader gives (or fail where it fails).
 */
class PyYamlScalarsTest {
    private static final YamlMarshaller YAML = YamlMarshaller.create();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture() {
        return Json.parseObject(YamlMarshallerTest.resource("yaml-scalars/scalars.json"));
    }

    /** A type-tagged value of the fixture as the Java value Hayloft uses for it. */
    @SuppressWarnings("unchecked")
    static Object decode(Map<String, Object> tagged) {
        Object v = tagged.get("v");
        switch ((String) tagged.get("t")) {
            case "null":
                return null;
            case "bool":
            case "str":
                return v;
            case "int": {
                BigInteger i = tagged.containsKey("hex") ? new BigInteger((String) tagged.get("hex"), 16)
                        : new BigInteger((String) v);
                return i.bitLength() < 32 ? (Object) i.intValue() : i.bitLength() < 64 ? (Object) i.longValue() : i;
            }
            case "float":
                return "nan".equals(v) ? Double.NaN : "inf".equals(v) ? Double.POSITIVE_INFINITY
                        : "-inf".equals(v) ? Double.NEGATIVE_INFINITY
                        : Double.valueOf((String) v);
            case "date":
                return LocalDate.parse((String) v);
            case "datetime": {
                String s = (String) v;
                return s.matches(".*[+-]\\d\\d:\\d\\d$") ? OffsetDateTime.parse(s) : LocalDateTime.parse(s);
            }
            case "list": {
                List<Object> out = new ArrayList<>();
                ((List<Map<String, Object>>) v).forEach(x -> out.add(decode(x)));
                return out;
            }
            case "map": {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<String, Map<String, Object>>) v).forEach((k, x) -> out.put(k, decode(x)));
                return out;
            }
            default:
                throw new IllegalArgumentException("unknown type tag " + tagged);
        }
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void dumpsExactlyWhatPyYamlDumpsAndLoadsItBack() {
        List<Map<String, Object>> cases = (List<Map<String, Object>>) fixture().get("dump");
        assertTrue(cases.size() >= 100, "fixture too small: " + cases.size());
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            Object value = decode((Map<String, Object>) c.get("value"));
            String expected = (String) c.get("dump");
            String ours = YAML.marshal(single("v", value));
            if (!expected.equals(ours)) {
                problems.add("dump of " + Json.write(c.get("value")) + ":\n  pyyaml " + Json.write(expected)
                        + "\n  ours   " + Json.write(ours));
            }
            Object back = YAML.unmarshal(expected).get("v");
            if (!Objects.equals(value, back)) {
                problems.add("load of " + Json.write(expected) + ": expected " + value + ", got " + back);
            }
            if (c.containsKey("dump_key")) {
                String key = YAML.marshal(single((String) value, 1));
                if (!c.get("dump_key").equals(key)) {
                    problems.add("key dump of " + Json.write(value) + ":\n  pyyaml " + Json.write(c.get("dump_key"))
                            + "\n  ours   " + Json.write(key));
                }
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    @SuppressWarnings("unchecked")
    void loadsPlainScalarsAsPyYamlsSafeLoaderDoes() {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) fixture().get("load")) {
            String text = (String) c.get("yaml");
            Map<String, Object> expected = (Map<String, Object>) c.get("load");
            if (expected.containsKey("error")) {
                try {
                    Object got = YAML.unmarshal(text).get("v");
                    problems.add(Json.write(text) + ": PyYAML fails (" + expected.get("error") + "), we loaded " + got);
                } catch (DeserializationException e) {
                    // as PyYAML
                }
                continue;
            }
            Object want = decode(expected);
            try {
                Object got = YAML.unmarshal(text).get("v");
                if (!Objects.equals(want, got)) {
                    problems.add(Json.write(text) + ": expected " + want + " (" + (want == null ? "null"
                            : want.getClass().getSimpleName()) + "), got " + got + " (" + (got == null ? "null"
                            : got.getClass().getSimpleName()) + ")");
                }
            } catch (DeserializationException e) {
                problems.add(Json.write(text) + ": expected " + want + ", failed: " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }
}
