package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * {@link InferenceSession} of a {@link DecoderModel}: with a KV cache each call feeds only the
 * new tokens; without one (for testing) it keeps the token history and recomputes the whole
 * sequence at every call.
 *
 * <pre>{@code
 * InferenceSession s = model.newSession(128, false);   // full recomputation
 * }</pre>
 */
final class DecoderSession implements InferenceSession {
    private final DecoderModel model;
    private final NDManager manager;
    private final int capacity;
    private final boolean useKvCache;
    private KvCache cache;
    private int[][] history = new int[0][];
    private int batch = 1;
    private int length;

    DecoderSession(DecoderModel model, NDManager manager, int capacity, boolean useKvCache) {
        this.model = model;
        this.manager = manager;
        this.capacity = capacity;
        this.useKvCache = useKvCache;
    }

    @Override
    public float[][] forward(int[][] tokens) {
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
        float[][] logits;
        if (useKvCache) {
            if (cache == null) {
                cache = model.newCache(manager, batch, capacity);
            }
            logits = model.run(manager, tokens, cache);
        } else {
            if (history.length == 0) {
                history = new int[batch][0];
            }
            for (int b = 0; b < batch; b++) {
                int[] row = Arrays.copyOf(history[b], length + t);
                System.arraycopy(tokens[b], 0, row, length, t);
                history[b] = row;
            }
            try (NDManager temp = manager.newSubManager()) {
                logits = model.run(temp, history, model.newCache(temp, batch, length + t));
            }
        }
        length += t;
        return logits;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public void expand(int copies) {
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

    @Override
    public void keepRows(int[] rows) {
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

    @Override
    public void close() {
        manager.close();
    }
}
