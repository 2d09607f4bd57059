package dev.hayloft.hf.local.internal.weights;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One tensor declared in a safetensors header: its name, element type, shape and the byte
 * range of its data. {@code absoluteOffset} is the position of the first data byte in
 * {@code file} (header length prefix and JSON header included).
 *
 * <pre>{@code
 * TensorEntry e = weights.entry("model.norm.weight");
 * long n = e.elementCount();   // product of e.shape()
 * }</pre>
 *
 * @param name tensor name as written in the header
 * @param dtype element type
 * @param shape dimensions (an empty list is a scalar)
 * @param absoluteOffset offset of the tensor's first byte within the file
 * @param byteLength number of data bytes ({@code elementCount() * dtype.byteSize()})
 * @param file the file holding the tensor
 */
public record TensorEntry(String name, DType dtype, List<Long> shape, long absoluteOffset, long byteLength,
                          Path file) {

    public TensorEntry {
        shape = List.copyOf(shape);
    }

    /** Product of the dimensions (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The shape as a {@code long[]}. */
    public long[] shapeArray() {
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    /** The shape printed like {@code [32, 64]}. */
    public String shapeString() {
        return Arrays.toString(shapeArray());
    }
}
