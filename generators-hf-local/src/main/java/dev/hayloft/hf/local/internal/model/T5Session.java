package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * {@link InferenceSession} of a {@link T5Model} for one encoder input. The encoder runs at the
 * first {@link #forward} (so a cancelled request never starts it), and its cross-attention
 * keys and values are computed once per decoder block and kept for the whole request, shared
 * by every row (one batch row, broadcast). Decoder tokens go through a self-attention KV cache,
 * or without one (for testing) the decoder sequence is recomputed at every call.
 *
 * <pre>{@code
 * InferenceSession s = t5.newSession(encoderIds, 1 + maxNewTokens, true);
 * float[][] logits = s.forward(new int[][] {{t5.decoderStartTokenId()}});
 * }</pre>
 */
final class T5Session implements InferenceSession {
    private final T5Model model;
    private final NDManager manager;
    private final int[] encoderIds;
    private final int capacity;
    private final boolean useKvCache;
    private NDArray[][] crossKv;
    private KvCache cache;
    private int[][] history = new int[0][];
    private int batch = 1;
    private int length;

    T5Session(T5Model model, NDManager manager, int[] encoderIds, int capacity, boolean useKvCache) {
        this.model = model;
        this.manager = manager;
        this.encoderIds = encoderIds;
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
        if (crossKv == null) {
            crossKv = model.encode(manager, encoderIds);
        }
        float[][] logits;
        if (useKvCache) {
            if (cache == null) {
                cache = model.newCache(manager, batch, capacity);
            }
            logits = model.decode(manager, tokens, cache, crossKv);
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
                logits = model.decode(temp, next, model.newCache(temp, batch, length + t), crossKv);
            }
            history = next;
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
