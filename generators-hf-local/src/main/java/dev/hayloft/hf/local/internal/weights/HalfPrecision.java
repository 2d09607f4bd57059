package dev.hayloft.hf.local.internal.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Exact conversions of IEEE half precision (F16) and bfloat16 (BF16) values to float32, in
 * bulk from a little-endian byte buffer into a float buffer. Every F16 and BF16 value is
 * exactly representable in float32, so the conversion loses nothing.
 *
 * <pre>{@code
 * HalfPrecision.convert(DType.BF16, mappedBytes, floatsOut);
 * float one = HalfPrecision.bf16ToFloat((short) 0x3F80);   // 1.0f
 * }</pre>
 */
public final class HalfPrecision {
    private static final float[] F16_TABLE = buildF16Table();

    private HalfPrecision() {
    }

    /** The float32 value of the bfloat16 bit pattern {@code bits}. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** The float32 value of the IEEE binary16 bit pattern {@code bits}. */
    public static float f16ToFloat(short bits) {
        return F16_TABLE[bits & 0xFFFF];
    }

    /**
     * Converts every element of {@code src} (little-endian {@code F16}, {@code BF16} or
     * {@code F32}, from its position to its limit) into {@code dst}, starting at
     * {@code dst}'s position. Neither buffer's position is changed.
     */
    public static void convert(DType type, ByteBuffer src, FloatBuffer dst) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer out = dst.duplicate();
        switch (type) {
            case F32 -> out.put(in.asFloatBuffer());
            case BF16 -> {
                ShortBuffer s = in.asShortBuffer();
                int n = s.remaining();
                float[] block = new float[Math.min(n, 1 << 16)];
                for (int done = 0; done < n; ) {
                    int len = Math.min(block.length, n - done);
                    for (int i = 0; i < len; i++) {
                        block[i] = Float.intBitsToFloat((s.get(done + i) & 0xFFFF) << 16);
                    }
                    out.put(block, 0, len);
                    done += len;
                }
            }
            case F16 -> {
                ShortBuffer s = in.asShortBuffer();
                int n = s.remaining();
                float[] block = new float[Math.min(n, 1 << 16)];
                for (int done = 0; done < n; ) {
                    int len = Math.min(block.length, n - done);
                    for (int i = 0; i < len; i++) {
                        block[i] = F16_TABLE[s.get(done + i) & 0xFFFF];
                    }
                    out.put(block, 0, len);
                    done += len;
                }
            }
            default -> throw new IllegalArgumentException("cannot convert " + type + " to float32");
        }
    }

    private static float[] buildF16Table() {
        float[] t = new float[1 << 16];
        for (int bits = 0; bits < t.length; bits++) {
            int sign = (bits & 0x8000) << 16;
            int exp = (bits >>> 10) & 0x1F;
            int mant = bits & 0x3FF;
            float v;
            if (exp == 0x1F) {
                v = Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
            } else if (exp == 0) {
                float m = mant * 0x1p-24f;
                v = sign != 0 ? -m : m;
            } else {
                v = Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
            }
            t[bits] = v;
        }
        return t;
    }
}
