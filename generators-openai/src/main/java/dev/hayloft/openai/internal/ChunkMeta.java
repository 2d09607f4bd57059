package dev.hayloft.openai.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The {@code meta} of a streaming chunk as a small fixed-key, null-tolerant, read-only map:
 * cheaper to build than a {@code LinkedHashMap} for every one of thousands of chunks
 * ({@code StreamingChunk} copies it anyway).
 *
 * <pre>{@code
 * Map<String, Object> meta = new ChunkMeta(ChunkMeta.USAGE_ONLY, model, receivedAt, usage);
 * }</pre>
 */
final class ChunkMeta extends AbstractMap<String, Object> {
    /** Keys of a chunk with a choice, in Haystack's order. */
    static final String[] CHOICE = {"model", "index", "tool_calls", "finish_reason", "received_at", "usage"};
    /** Keys of a usage-only chunk (no choices). */
    static final String[] USAGE_ONLY = {"model", "received_at", "usage"};
    /** Keys of a chunk with a choice that carries Azure's {@code content_filter_results}. */
    static final String[] CHOICE_FILTERED = {"model", "index", "tool_calls", "finish_reason", "received_at", "usage",
        "content_filter_results"};
    /** Keys of a chunk without choices that carries Azure's {@code prompt_filter_results}. */
    static final String[] PROMPT_FILTERS = {"model", "received_at", "usage", "prompt_filter_results"};

    private final String[] keys;
    private final Object[] values;

    ChunkMeta(String[] keys, Object... values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException("keys and values differ in length");
        }
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
