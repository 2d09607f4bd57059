package dev.hayloft.core.serde;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fixed list of keys for building many small immutable JSON-like maps cheaply, such as the
 * {@code meta} of each of the thousands of {@code StreamingChunk}s of a stream: the maps share
 * the keys, keep their order, allow {@code null} values, and are not copied again by
 * {@link JsonValues#immutableMap} (which {@code StreamingChunk} and {@code ChatMessage} apply to
 * their meta). Map and list values are copied deeply, as {@link JsonValues#immutableValue}
 * does.
 *
 * <pre>{@code
 * static final FixedKeys CHUNK_META = FixedKeys.of("model", "index", "finish_reason");
 * Map<String, Object> meta = CHUNK_META.map("gpt-4o-mini", 0, null);   // {model=gpt-4o-mini, index=0, finish_reason=null}
 * }</pre>
 */
public final class FixedKeys {
    private final String[] keys;

    private FixedKeys(String[] keys) {
        this.keys = keys;
    }

    /**
     * The keys, in the order the maps will iterate.
     *
     * @throws IllegalArgumentException when a key is null or repeated
     */
    public static FixedKeys of(String... keys) {
        if (keys == null) {
            throw new IllegalArgumentException("keys must not be null");
        }
        String[] copy = keys.clone();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                throw new IllegalArgumentException("keys[" + i + "] is null");
            }
            if (!seen.add(copy[i])) {
                throw new IllegalArgumentException("keys[" + i + "] repeats the key '" + copy[i] + "'");
            }
        }
        return new FixedKeys(copy);
    }

    /** The keys, in order. */
    public List<String> keys() {
        return List.of(keys);
    }

    /**
     * An immutable map of these keys to {@code values}, one value per key, in order.
     *
     * @throws IllegalArgumentException when the number of values is not the number of keys
     */
    public Map<String, Object> map(Object... values) {
        if (values == null || values.length != keys.length) {
            throw new IllegalArgumentException("expected " + keys.length + " values for the keys " + Arrays.toString(keys)
                    + " but got " + (values == null ? "null" : String.valueOf(values.length)));
        }
        Object[] own = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            own[i] = JsonValues.immutableValue(values[i]);
        }
        return new FixedKeyMap(keys, own);
    }
}
