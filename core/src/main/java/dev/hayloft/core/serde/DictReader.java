package dev.hayloft.core.serde;

import dev.hayloft.core.errors.DeserializationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads typed fields out of a dict (a {@code Map<String, Object>} from JSON, YAML or
 * {@code toDict}) and reports every problem as a {@link DeserializationException} that
 * names the path of the offending node, e.g. {@code init_parameters.generation_kwargs}.
 *
 * <pre>{@code
 * DictReader r = DictReader.of(data, "components.llm");
 * String model = r.child("init_parameters").string("model", "gpt-4o-mini");
 * }</pre>
 */
public final class DictReader {
    private final Map<String, Object> map;
    private final String path;

    private DictReader(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path == null ? "" : path;
    }

    /** Wraps {@code map} (which must not be null) located at {@code path} ("" for the root). */
    public static DictReader of(Map<String, ?> map, String path) {
        if (map == null) {
            throw new DeserializationException("expected a mapping but got null", path, null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return new DictReader(m, path);
    }

    /** Wraps an arbitrary value that must be a mapping. */
    public static DictReader ofValue(Object value, String path) {
        if (!(value instanceof Map)) {
            throw new DeserializationException("expected a mapping but got " + describe(value), path, null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) value;
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new DeserializationException("mapping keys must be strings, got " + describe(k), path, null);
            }
        }
        return new DictReader(m, path);
    }

    /** The path of this node. */
    public String path() {
        return path;
    }

    /** The path of {@code key} below this node. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The underlying map. */
    public Map<String, Object> map() {
        return map;
    }

    public boolean has(String key) {
        return map.containsKey(key);
    }

    /** The raw value of {@code key} (null if absent). */
    public Object raw(String key) {
        return map.get(key);
    }

    /** Fails when the map holds keys outside {@code allowed}, naming the first unknown one. */
    public DictReader rejectUnknownKeys(Set<String> allowed) {
        for (String k : map.keySet()) {
            if (!allowed.contains(k)) {
                throw new DeserializationException("unknown field '" + k + "'; expected one of " + allowed,
                        pathOf(k), null);
            }
        }
        return this;
    }

    /** A mandatory string field. */
    public String requireString(String key) {
        Object v = require(key);
        if (!(v instanceof String)) {
            throw wrongType(key, "a string", v);
        }
        return (String) v;
    }

    /** An optional string field; {@code def} when absent or null. */
    public String string(String key, String def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof String)) {
            throw wrongType(key, "a string", v);
        }
        return (String) v;
    }

    /** An optional boolean; {@code def} when absent or null. */
    public boolean bool(String key, boolean def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean)) {
            throw wrongType(key, "a boolean", v);
        }
        return (Boolean) v;
    }

    /** An optional boolean that may stay null. */
    public Boolean optionalBool(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean)) {
            throw wrongType(key, "a boolean", v);
        }
        return (Boolean) v;
    }

    /** An optional integer (whole number); {@code null} when absent or null. */
    public Integer optionalInt(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            long l = ((Number) v).longValue();
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE
                    || (v instanceof java.math.BigInteger && ((java.math.BigInteger) v).bitLength() > 31)) {
                throw new DeserializationException("integer out of range: " + v, pathOf(key), null);
            }
            return (int) l;
        }
        throw wrongType(key, "an integer", v);
    }

    /** An optional number; {@code null} when absent or null. */
    public Double optionalDouble(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw wrongType(key, "a number", v);
    }

    /** An optional nested mapping, or {@code null}. */
    public Map<String, Object> optionalMap(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        return ofValue(v, pathOf(key)).map;
    }

    /** A nested mapping as a reader; an absent or null value reads as an empty mapping. */
    public DictReader child(String key) {
        Object v = map.get(key);
        if (v == null) {
            return new DictReader(Map.of(), pathOf(key));
        }
        return ofValue(v, pathOf(key));
    }

    /** An optional list, or {@code null}. */
    public List<Object> optionalList(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List)) {
            throw wrongType(key, "a list", v);
        }
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) v;
        return l;
    }

    /** An optional list of strings, or {@code null}. */
    public List<String> optionalStringList(String key) {
        List<Object> l = optionalList(key);
        if (l == null) {
            return null;
        }
        List<String> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            Object e = l.get(i);
            if (!(e instanceof String)) {
                throw new DeserializationException("expected a string but got " + describe(e),
                        pathOf(key) + "[" + i + "]", null);
            }
            out.add((String) e);
        }
        return out;
    }

    /**
     * Reads a list of mappings, converting each with {@code convert(reader, index)}; returns
     * {@code null} when absent.
     */
    public <T> List<T> optionalListOf(String key, BiFunction<DictReader, Integer, T> convert) {
        List<Object> l = optionalList(key);
        if (l == null) {
            return null;
        }
        List<T> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(convert.apply(ofValue(l.get(i), pathOf(key) + "[" + i + "]"), i));
        }
        return out;
    }

    /** The value of a mandatory key (may not be absent; may not be null). */
    public Object require(String key) {
        Object v = map.get(key);
        if (v == null) {
            throw new DeserializationException(
                    map.containsKey(key) ? "field '" + key + "' must not be null" : "missing field '" + key + "'",
                    pathOf(key), null);
        }
        return v;
    }

    /** An exception for {@code key} having the wrong type. */
    public DeserializationException wrongType(String key, String expected, Object actual) {
        return new DeserializationException("expected " + expected + " but got " + describe(actual), pathOf(key),
                null);
    }

    /** An exception about {@code key} with a custom message. */
    public DeserializationException error(String key, String message, Throwable cause) {
        return new DeserializationException(message, key == null ? path : pathOf(key), cause);
    }

    /** A short description of a value's JSON type, never its content (which may be a secret). */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return "a value of type " + v.getClass().getSimpleName();
    }
}
