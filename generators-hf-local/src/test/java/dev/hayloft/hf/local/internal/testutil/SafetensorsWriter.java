package dev.hayloft.hf.local.internal.testutil;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hayloft.hf.local.internal.weights.DType;
import dev.hayloft.hf.local.internal.weights.SafetensorsFile;
import dev.hayloft.hf.local.internal.weights.TensorEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files for tests (derived copies of fixtures: other dtypes, shards,
 * renamed tensors) and raw files with hand-made headers (for corruption tests).
 */
public final class SafetensorsWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A tensor to write: float values stored as {@code dtype}. */
    public record Tensor(String name, long[] shape, float[] values, DType dtype) {
    }

    private SafetensorsWriter() {
    }

    /** Reads every tensor of a float32 safetensors file as float values. */
    public static Map<String, Tensor> readF32(Path file) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (TensorEntry e : f.entries().values()) {
                if (e.dtype() != DType.F32) {
                    throw new IllegalArgumentException("not F32: " + e.name());
                }
                float[] values = new float[(int) e.elementCount()];
                f.map(e).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                out.put(e.name(), new Tensor(e.name(), e.shapeArray(), values, DType.F32));
            }
        }
        return out;
    }

    /** Writes {@code tensors} (in order, packed without gaps) to {@code file}. */
    public static void write(Path file, List<Tensor> tensors) {
        ObjectNode header = MAPPER.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        List<byte[]> blobs = new ArrayList<>();
        for (Tensor t : tensors) {
            byte[] data = encode(t.values(), t.dtype());
            ObjectNode n = header.putObject(t.name());
            n.put("dtype", t.dtype().name());
            ArrayNode shape = n.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            n.putArray("data_offsets").add(offset).add(offset + data.length);
            offset += data.length;
            blobs.add(data);
        }
        String json = header.toString();
        int pad = (8 - json.getBytes(StandardCharsets.UTF_8).length % 8) % 8;
        json = json + " ".repeat(pad);
        ByteBuffer buf = ByteBuffer.allocate((int) (8 + json.getBytes(StandardCharsets.UTF_8).length + offset))
                .order(ByteOrder.LITTLE_ENDIAN);
        byte[] headerBytes = json.getBytes(StandardCharsets.UTF_8);
        buf.putLong(headerBytes.length).put(headerBytes);
        blobs.forEach(buf::put);
        writeBytes(file, buf.array());
    }

    /** Writes a file with the given raw header text and {@code dataBytes} zero bytes of data. */
    public static void writeRaw(Path file, String headerJson, int dataBytes) {
        byte[] h = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        writeBytes(file, buf.array());
    }

    /** Writes a weight_map index for shards. */
    public static void writeIndex(Path file, Map<String, String> weightMap) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("metadata").put("total_size", 0);
        ObjectNode map = root.putObject("weight_map");
        weightMap.forEach(map::put);
        try {
            Files.writeString(file, root.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the non-weight files of a model folder (config, tokenizer, ...) into {@code dir}. */
    public static void copyModelFilesExceptWeights(Path from, Path dir) {
        try (var s = Files.list(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".safetensors") && !name.endsWith(".index.json")) {
                    Files.copy(p, dir.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Round-to-nearest-even bfloat16 bits of {@code f}. */
    public static short toBf16(float f) {
        int bits = Float.floatToIntBits(f);
        if (Float.isNaN(f)) {
            return (short) 0x7FC0;
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** Round-to-nearest-even IEEE half bits of {@code f}. */
    public static short toF16(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int val = bits & 0x7FFFFFFF;
        if (val >= 0x7F800000) {
            return (short) (sign | 0x7C00 | (val > 0x7F800000 ? 0x200 : 0));
        }
        if (val >= 0x477FF000) {
            return (short) (sign | 0x7C00);
        }
        if (val < 0x38800000) {
            return (short) (sign | (int) Math.rint(Float.intBitsToFloat(val) * 0x1p24));
        }
        int exp = (val >>> 23) - 127 + 15;
        int mant = val & 0x7FFFFF;
        int half = (exp << 10) | (mant >>> 13);
        int rem = mant & 0x1FFF;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }

    private static byte[] encode(float[] values, DType dtype) {
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case F32 -> b.putFloat(v);
                case BF16 -> b.putShort(toBf16(v));
                case F16 -> b.putShort(toF16(v));
                default -> throw new IllegalArgumentException("cannot write " + dtype);
            }
        }
        return b.array();
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
