package dev.hayloft.hf.local.internal.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;

/**
 * A token (or position) embedding table: rows gathered by id, and — for tied embeddings — the
 * same table as the LM head. INT8 tables gather the quantized rows and scale them, so the
 * vocabulary is held once, at a quarter of the size.
 *
 * <pre>{@code
 * TokenTable embed = binder.tokenTable(tableF32);
 * NDArray x = embed.gather(ids);           // [batch, t] -> [batch, t, hidden]
 * Projection head = embed.asProjection();  // tied LM head
 * }</pre>
 */
public sealed interface TokenTable permits TokenTable.Dense, TokenTable.Int8 {

    /** The rows of {@code ids} as float32, shape {@code ids.shape + [hidden]}. */
    NDArray gather(NDArray ids);

    /** This table used as a (tied) output projection. */
    Projection asProjection();

    /** A float32 table [vocab, hidden]. */
    record Dense(NDArray table) implements TokenTable {
        @Override
        public NDArray gather(NDArray ids) {
            return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        }

        @Override
        public Projection asProjection() {
            return new Projection.Dense(table, null);
        }
    }

    /**
     * A quantized table with per-row scales.
     *
     * @param scaleColumn the scales as a [vocab, 1] table, gathered with the rows
     */
    record Int8(Int8Kernel.Quantized table, NDArray scaleColumn, Int8Kernel kernel) implements TokenTable {
        /** A table over {@code table}, its scale column made once in the table's manager. */
        static Int8 of(Int8Kernel.Quantized table, Int8Kernel kernel) {
            return new Int8(table, table.scales().expandDims(1), kernel);
        }

        @Override
        public NDArray gather(NDArray ids) {
            NDArray rows = ids.getNDArrayInternal().embedding(ids, table.weights(), SparseFormat.DENSE)
                    .singletonOrThrow();
            if (rows.getShape().tail() != table.cols()) { // cut the columns padded for the kernel
                rows = rows.get(new NDIndex().addEllipseDim().addSliceDim(0, table.cols()));
            }
            rows = rows.toType(DataType.FLOAT32, false);
            NDArray scales = ids.getNDArrayInternal().embedding(ids, scaleColumn, SparseFormat.DENSE)
                    .singletonOrThrow();
            return rows.mul(scales);
        }

        @Override
        public Projection asProjection() {
            return new Projection.Int8(table, null, kernel);
        }
    }
}
