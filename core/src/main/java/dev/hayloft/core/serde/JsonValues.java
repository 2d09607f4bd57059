package dev.hayloft.core.serde;

import dev.hayloft.templates.Python;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-preserving, null-tolerant immutable copies of JSON-like values (maps, lists,
 * scalars), as used for {@code meta}, {@code generation_kwargs} and {@code toDict} output.
 *
 * <p>{@link Map#copyOf} and {@link List#copyOf} reject {@code null} values, which JSON allows
 * and Haystack's dicts use ({@code "name": null}); these copies keep them. Maps keep their
 * own order (insertion order for a {@code LinkedHashMap} and for everything read from JSON or
 * YAML); maps built by {@link FixedKeys} are returned as they are; a map whose order comes from hashing ({@code Map.of}, {@code HashMap}...) is copied in
 * the fixed order of {@link Python#dictItems} (keys sorted), so copies iterate alike in every JVM.
 *
 * <pre>{@code
 * Map<String, Object> meta = JsonValues.immutableMap(Map.of("usage", Map.of("total_tokens", 3)));
 * }</pre>
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** An immutable deep copy of {@code map}; {@code null} becomes an empty map. */
    public static Map<String, Object> immutableMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        if (map instanceof FixedKeyMap) {
            return (FixedKeyMap) map;   // immutable all the way down already
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<String, ?> e : Python.dictItems(map)) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("map keys must not be null");
            }
            copy.put(e.getKey(), immutableValue(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** An immutable deep copy of {@code list}; {@code null} becomes an empty list. */
    public static List<Object> immutableList(Collection<?> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<Object> copy = new ArrayList<>(list.size());
        for (Object v : list) {
            copy.add(immutableValue(v));
        }
        return Collections.unmodifiableList(copy);
    }

    /** Copies maps and lists deeply; returns any other value as it is. */
    @SuppressWarnings("unchecked")
    public static Object immutableValue(Object value) {
        if (value instanceof Map) {
            return immutableMap((Map<String, ?>) value);
        }
        if (value instanceof Collection) {
            return immutableList((Collection<?>) value);
        }
        return value;
    }

    /** A mutable deep copy of {@code map} (nested maps and lists are mutable copies too). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mutableMap(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (map == null) {
            return copy;
        }
        for (Map.Entry<String, ?> e : Python.dictItems(map)) {
            copy.put(e.getKey(), mutableValue(e.getValue()));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object mutableValue(Object value) {
        if (value instanceof Map) {
            return mutableMap((Map<String, ?>) value);
        }
        if (value instanceof Collection) {
            List<Object> l = new ArrayList<>();
            for (Object v : (Collection<?>) value) {
                l.add(mutableValue(v));
            }
            return l;
        }
        return value;
    }

    /**
     * Builds a map that keeps insertion order and allows {@code null} values:
     * {@code JsonValues.map("role", "user", "name", null)}.
     */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("map(...) needs key/value pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
