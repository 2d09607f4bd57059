package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sparse vector: the indices of its non-zero elements and their values.
 *
 * <pre>{@code
 * SparseEmbedding e = new SparseEmbedding(List.of(0, 7), List.of(0.5, 0.25));
 * }</pre>
 *
 * @param indices positions of the non-zero elements
 * @param values their values (same length as {@code indices})
 */
public record SparseEmbedding(List<Integer> indices, List<Double> values) {
    public SparseEmbedding {
        indices = List.copyOf(Objects.requireNonNull(indices, "indices"));
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (indices.size() != values.size()) {
            throw new IllegalArgumentException("Length of indices and values must be the same.");
        }
    }

    /** {@code {"indices", "values"}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indices", new ArrayList<>(indices));
        m.put("values", new ArrayList<>(values));
        return m;
    }

    /** Reads {@code {"indices", "values"}}. */
    public static SparseEmbedding fromDict(DictReader r) {
        List<Integer> idx = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        List<Object> il = r.optionalList("indices");
        List<Object> vl = r.optionalList("values");
        if (il == null || vl == null) {
            throw r.error(null, "a sparse embedding needs 'indices' and 'values'", null);
        }
        for (Object o : il) {
            if (!(o instanceof Integer)) {
                throw r.error("indices", "indices must be integers", null);
            }
            idx.add((Integer) o);
        }
        for (Object o : vl) {
            if (!(o instanceof Number)) {
                throw r.error("values", "values must be numbers", null);
            }
            vals.add(((Number) o).doubleValue());
        }
        try {
            return new SparseEmbedding(idx, vals);
        } catch (IllegalArgumentException e) {
            throw r.error(null, e.getMessage(), e);
        }
    }
}
