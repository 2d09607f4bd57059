package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Per-request key/value cache: for every layer one preallocated {@code [batch, kvHeads,
 * capacity, headDim]} array for keys and one for values, written in place as tokens are
 * fed. All rows of a batch hold the same number of tokens ({@link #length()}).
 *
 * <p>Not thread-safe; one cache belongs to one request.
 *
 * <pre>{@code
 * KvCache cache = new KvCache(sessionManager, layers, 1, kvHeads, 512, headDim);
 * NDArray[] kv = cache.append(layer, newKeys, newValues, scope);   // views over all tokens
 * cache.advance(newKeys.getShape().get(2));                       // after the last layer
 * }</pre>
 */
public final class KvCache {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;
    private int batch;
    private int length;

    /** Allocates (without initialising) the cache in {@code manager}. */
    public KvCache(NDManager manager, int layers, int batch, int kvHeads, int capacity, int headDim) {
        this.manager = manager;
        this.capacity = capacity;
        this.batch = batch;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        Shape shape = new Shape(batch, kvHeads, capacity, headDim);
        for (int l = 0; l < layers; l++) {
            keys[l] = manager.create(shape, DataType.FLOAT32);
            values[l] = manager.create(shape, DataType.FLOAT32);
        }
    }

    /** Tokens stored per row. */
    public int length() {
        return length;
    }

    /** Rows in the batch. */
    public int batch() {
        return batch;
    }

    /** Most tokens a row can hold. */
    public int capacity() {
        return capacity;
    }

    /**
     * Writes {@code k} and {@code v} ({@code [batch, kvHeads, t, headDim]}) after the stored
     * tokens of {@code layer} and returns views of all {@code length() + t} keys and values,
     * owned by {@code scope}. Call {@link #advance(int)} once every layer has appended.
     */
    public NDArray[] append(int layer, NDArray k, NDArray v, NDManager scope) {
        long t = k.getShape().get(2);
        if (length + t > capacity) {
            throw new IllegalStateException("KV cache overflow: " + length + " + " + t + " > " + capacity);
        }
        NDIndex target = new NDIndex().addAllDim(2).addSliceDim(length, length + t);
        keys[layer].set(target, k);
        values[layer].set(target, v);
        NDIndex visible = new NDIndex().addAllDim(2).addSliceDim(0, length + t);
        return new NDArray[] {keys[layer].get(scope, visible), values[layer].get(scope, visible)};
    }

    /** Records that {@code t} more tokens were appended to every layer. */
    public void advance(int t) {
        length += t;
    }

    /** Keeps only the given rows (in that order), e.g. when some sequences finished. */
    public void selectRows(int[] rows) {
        try (NDManager temp = manager.newSubManager()) {
            for (int l = 0; l < keys.length; l++) {
                keys[l] = replace(keys[l], pickRows(keys[l], rows, temp));
                values[l] = replace(values[l], pickRows(values[l], rows, temp));
            }
        }
        batch = rows.length;
    }

    private static NDArray pickRows(NDArray array, int[] rows, NDManager temp) {
        NDList parts = new NDList(rows.length);
        for (int r : rows) {
            parts.add(array.get(temp, new NDIndex().addSliceDim(r, r + 1)));
        }
        return NDArrays.concat(parts, 0);
    }

    /** Turns a one-row cache into {@code copies} identical rows. */
    public void expand(int copies) {
        if (batch != 1) {
            throw new IllegalStateException("only a one-row cache can be expanded, this one has " + batch);
        }
        for (int l = 0; l < keys.length; l++) {
            keys[l] = replace(keys[l], keys[l].repeat(0, copies));
            values[l] = replace(values[l], values[l].repeat(0, copies));
        }
        batch = copies;
    }

    private NDArray replace(NDArray old, NDArray fresh) {
        fresh.attach(manager);
        old.close();
        return fresh;
    }
}
