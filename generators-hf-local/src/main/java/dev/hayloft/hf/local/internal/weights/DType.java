package dev.hayloft.hf.local.internal.weights;

import java.util.Locale;

/**
 * The element types a safetensors header may declare, with their sizes in bytes.
 *
 * <p>Only {@link #F32}, {@link #F16} and {@link #BF16} can be loaded as model weights
 * ({@link #isLoadableFloat()}); the others are recognised so that headers containing them
 * (e.g. integer buffers) can still be validated.
 *
 * <pre>{@code
 * DType t = DType.parse("BF16");   // DType.BF16, 2 bytes per element
 * }</pre>
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2),
    I64(8), I32(4), I16(2), I8(1),
    U64(8), U32(4), U16(2), U8(1),
    BOOL(1), F8_E4M3(1), F8_E5M2(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether the runtime can turn a tensor of this type into float32 weights. */
    public boolean isLoadableFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    /**
     * The type for a safetensors {@code dtype} string, or {@code null} if it is not one of
     * the known names.
     */
    public static DType parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
