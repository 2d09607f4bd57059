package dev.hayloft.core.serde;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The immutable map {@link FixedKeys#map} builds: keys shared with its {@link FixedKeys},
 * values in an array, {@code null} values allowed. {@link JsonValues#immutableMap} returns it
 * as it is instead of copying it.
 *
 * <pre>{@code
 * Map<String, Object> meta = FixedKeys.of("model", "index").map("gpt-4o-mini", 0);
 * }</pre>
 */
final class FixedKeyMap extends AbstractMap<String, Object> {
    private final String[] keys;
    private final Object[] values;

    /** {@code keys}: validated by {@link FixedKeys}; {@code values}: owned and already immutable. */
    FixedKeyMap(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (String k : keys) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int at = i++;
                        return new SimpleImmutableEntry<>(keys[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
