package dev.hayloft.hf.local.internal.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hayloft.core.errors.ModelLoadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .safetensors} file: a strictly validated header plus read-only memory-mapped
 * access to each tensor's bytes. Nothing but the header is read onto the heap.
 *
 * <p>The format is an 8-byte little-endian header length {@code N}, {@code N} bytes of
 * UTF-8 JSON ({@code {"__metadata__": {...}, "name": {"dtype", "shape", "data_offsets"}}}),
 * then the data buffer. Validation rejects a header length that is zero, larger than
 * {@link #MAX_HEADER_BYTES} or past the end of the file; malformed or non-object JSON,
 * duplicate keys, trailing garbage; unknown dtypes, negative dimensions, offsets that are
 * reversed, out of the data buffer or overlapping, and byte counts that differ from
 * {@code shape × dtype size}. Every failure is a {@link ModelLoadException} naming the file
 * (and the tensor, where there is one).
 *
 * <pre>{@code
 * try (SafetensorsFile f = SafetensorsFile.open(Path.of("model.safetensors"))) {
 *     TensorEntry e = f.entries().get("model.norm.weight");
 *     ByteBuffer bytes = f.map(e);   // read-only, little-endian
 * }
 * }</pre>
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Largest header accepted (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private final Path path;
    private final FileChannel channel;
    private final Map<String, TensorEntry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, Map<String, TensorEntry> entries,
                            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Opens and validates {@code path}; the file stays open until {@link #close()}. */
    public static SafetensorsFile open(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot open safetensors file " + path + ": " + e, e);
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw corrupt(path, "file is " + size + " bytes, shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw corrupt(path, "header length " + Long.toUnsignedString(headerLen)
                        + " is not within 1.." + Math.min(MAX_HEADER_BYTES, size - 8)
                        + " (file size " + size + " bytes)");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(channel, headerBuf, 8);
            long dataStart = 8 + headerLen;
            Parsed parsed = parseHeader(path, headerBuf.array(), dataStart, size - dataStart);
            return new SafetensorsFile(path, channel, parsed.entries, parsed.metadata);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ModelLoadException("Cannot read safetensors file " + path + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** Tensors by name, in header order. */
    public Map<String, TensorEntry> entries() {
        return entries;
    }

    /** The optional string-to-string {@code __metadata__} map. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Maps {@code length} bytes of {@code entry} starting {@code offset} bytes into its data,
     * read-only and in little-endian order. The mapping stays valid after {@link #close()}.
     */
    public ByteBuffer map(TensorEntry entry, long offset, long length) {
        if (!entry.file().equals(path)) {
            throw new IllegalArgumentException("tensor " + entry.name() + " is not in " + path);
        }
        if (offset < 0 || length < 0 || offset + length > entry.byteLength() || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + entry.name());
        }
        try {
            MappedByteBuffer buf = channel.map(FileChannel.MapMode.READ_ONLY, entry.absoluteOffset() + offset, length);
            return buf.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot memory-map tensor '" + entry.name() + "' of " + path + ": " + e, e);
        }
    }

    /**
     * Reads {@code dst.remaining()} bytes of {@code entry} starting {@code offset} bytes into its
     * data into {@code dst} (positional reads: no mapping, so no file pages stay resident).
     */
    public void read(TensorEntry entry, long offset, ByteBuffer dst) {
        if (!entry.file().equals(path)) {
            throw new IllegalArgumentException("tensor " + entry.name() + " is not in " + path);
        }
        if (offset < 0 || offset + dst.remaining() > entry.byteLength()) {
            throw new IllegalArgumentException("bad range " + offset + "+" + dst.remaining() + " of " + entry.name());
        }
        long pos = entry.absoluteOffset() + offset;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    throw new ModelLoadException("Unexpected end of " + path + " while reading tensor '"
                            + entry.name() + "'");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read tensor '" + entry.name() + "' of " + path + ": " + e, e);
        }
    }

    /** Maps all of {@code entry}'s bytes (at most 2 GiB; see {@link #map(TensorEntry, long, long)}). */
    public ByteBuffer map(TensorEntry entry) {
        return map(entry, 0, entry.byteLength());
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private record Parsed(Map<String, TensorEntry> entries, Map<String, String> metadata) {
    }

    static Parsed parseHeader(Path path, byte[] header, long dataStart, long dataLen) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw corrupt(path, "header is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelLoadException("Corrupt safetensors file " + path + ": header is not well-formed JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw corrupt(path, "header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorEntry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals("__metadata__")) {
                readMetadata(path, node, metadata);
                continue;
            }
            entries.put(name, readEntry(path, name, node, dataStart, dataLen));
        }
        checkOverlaps(path, entries.values());
        return new Parsed(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(Path path, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw corrupt(path, "__metadata__ is not a JSON object");
        }
        node.fields().forEachRemaining(f -> {
            if (!f.getValue().isTextual()) {
                throw corrupt(path, "__metadata__ value '" + f.getKey() + "' is not a string");
            }
            out.put(f.getKey(), f.getValue().asText());
        });
    }

    private static TensorEntry readEntry(Path path, String name, JsonNode node, long dataStart, long dataLen) {
        if (!node.isObject()) {
            throw corruptTensor(path, name, "entry is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw corruptTensor(path, name, "missing or non-string 'dtype'");
        }
        DType dtype = DType.parse(dtypeNode.asText());
        if (dtype == null) {
            throw corruptTensor(path, name, "unknown dtype '" + dtypeNode.asText() + "'");
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw corruptTensor(path, name, "missing or non-array 'shape'");
        }
        List<Long> shape = new ArrayList<>();
        long elements = 1;
        for (JsonNode d : shapeNode) {
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                throw corruptTensor(path, name, "shape " + shapeNode + " has a dimension that is not a non-negative integer");
            }
            shape.add(d.asLong());
            try {
                elements = Math.multiplyExact(elements, d.asLong());
            } catch (ArithmeticException e) {
                throw corruptTensor(path, name, "shape " + shapeNode + " overflows");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw corruptTensor(path, name, "'data_offsets' must be an array of two integers, got " + offsets);
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw corruptTensor(path, name, "data_offsets " + offsets + " are negative or reversed");
        }
        if (end > dataLen) {
            throw corruptTensor(path, name, "data_offsets " + offsets + " run past the end of the data buffer ("
                    + dataLen + " bytes)");
        }
        long expected;
        try {
            expected = Math.multiplyExact(elements, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw corruptTensor(path, name, "shape " + shapeNode + " overflows");
        }
        if (end - begin != expected) {
            throw corruptTensor(path, name, "data_offsets " + offsets + " cover " + (end - begin) + " bytes but shape "
                    + shapeNode + " of " + dtype + " needs " + expected);
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw corruptTensor(path, name, "unexpected key '" + key + "'");
            }
        }
        return new TensorEntry(name, dtype, shape, dataStart + begin, end - begin, path);
    }

    private static void checkOverlaps(Path path, Iterable<TensorEntry> entries) {
        List<TensorEntry> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(TensorEntry::absoluteOffset).thenComparingLong(TensorEntry::byteLength));
        TensorEntry previous = null;
        for (TensorEntry e : sorted) {
            if (e.byteLength() == 0) {
                continue;
            }
            if (previous != null && e.absoluteOffset() < previous.absoluteOffset() + previous.byteLength()) {
                throw corruptTensor(path, e.name(), "data overlaps tensor '" + previous.name() + "'");
            }
            previous = e;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    private static ModelLoadException corrupt(Path path, String what) {
        return new ModelLoadException("Corrupt safetensors file " + path + ": " + what);
    }

    private static ModelLoadException corruptTensor(Path path, String tensor, String what) {
        return new ModelLoadException("Corrupt safetensors file " + path + ": tensor '" + tensor + "': " + what);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only channel cannot lose data
        }
    }
}
