package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * The state every {@link InferenceSession} keeps, whatever the model: the rows, the length fed
 * so far, and either a KV cache (each call runs only the new tokens) or, without one (for
 * testing), the token history (each call recomputes the whole sequence in a scratch scope).
 * A session supplies its model's step; row expansion and selection apply to the cache and the
 * history alike.
 *
 * <pre>{@code
 * SessionRows rows = new SessionRows(manager, capacity, useKvCache, model::newCache);
 * float[][] logits = rows.forward(tokens, (scope, ids, cache) -> model.run(scope, ids, cache));
 * }</pre>
 */
final class SessionRows {
    /** A model step over {@code tokens} with {@code cache}, allocating in {@code scope}. */
    @FunctionalInterface
    interface Step {
        float[][] run(NDManager scope, int[][] tokens, KvCache cache);
    }

    /** Makes a KV cache for {@code batch} rows of up to {@code capacity} positions. */
    @FunctionalInterface
    interface CacheFactory {
        KvCache create(NDManager manager, int batch, int capacity);
    }

    private final NDManager manager;
    private final int capacity;
    private final boolean useKvCache;
    private final CacheFactory caches;
    private KvCache cache;
    private int[][] history = new int[0][];
    private int batch = 1;
    private int length;

    SessionRows(NDManager manager, int capacity, boolean useKvCache, CacheFactory caches) {
        this.manager = manager;
        this.capacity = capacity;
        this.useKvCache = useKvCache;
        this.caches = caches;
    }

    /** Checks {@code tokens} against the rows and the capacity (before any model work). */
    void check(int[][] tokens) {
        if (tokens.length == 0 || tokens[0].length == 0) {
            throw new IllegalArgumentException("forward needs at least one token");
        }
        if (tokens.length != batch) {
            throw new IllegalArgumentException("expected " + batch + " rows, got " + tokens.length);
        }
        int t = tokens[0].length;
        if (length + t > capacity) {
            throw new IllegalStateException("session capacity " + capacity + " exceeded: " + length + " + " + t);
        }
    }

    /** Feeds {@code tokens} (checked) through {@code step}; the logits of their last positions. */
    float[][] forward(int[][] tokens, Step step) {
        check(tokens);
        int t = tokens[0].length;
        float[][] logits;
        if (useKvCache) {
            if (cache == null) {
                cache = caches.create(manager, batch, capacity);
            }
            logits = step.run(manager, tokens, cache);
        } else {
            if (history.length == 0) {
                history = new int[batch][0];
            }
            int[][] next = new int[batch][];
            for (int b = 0; b < batch; b++) {
                next[b] = Arrays.copyOf(history[b], length + t);
                System.arraycopy(tokens[b], 0, next[b], length, t);
            }
            try (NDManager temp = manager.newSubManager()) {
                logits = step.run(temp, next, caches.create(temp, batch, length + t));
            }
            history = next;
        }
        length += t;
        return logits;
    }

    int length() {
        return length;
    }

    int batchSize() {
        return batch;
    }

    /** See {@link InferenceSession#expand}. */
    void expand(int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1");
        }
        if (batch != 1) {
            throw new IllegalStateException("only a one-row session can be expanded");
        }
        if (copies == 1) {
            return;
        }
        if (cache != null) {
            cache.expand(copies);
        }
        if (history.length == 1) {
            int[][] h = new int[copies][];
            for (int i = 0; i < copies; i++) {
                h[i] = history[0].clone();
            }
            history = h;
        }
        batch = copies;
    }

    /** See {@link InferenceSession#keepRows}. */
    void keepRows(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("keepRows needs at least one row");
        }
        for (int r : rows) {
            if (r < 0 || r >= batch) {
                throw new IllegalArgumentException("row " + r + " out of 0.." + (batch - 1));
            }
        }
        if (cache != null) {
            cache.selectRows(rows);
        }
        if (history.length > 0) {
            int[][] h = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                h[i] = history[rows[i]];
            }
            history = h;
        }
        batch = rows.length;
    }
}
