package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binary data with metadata and a MIME type, e.g. a {@link Document}'s blob. Serialises as
 * {@code {"data": [byte values], "meta": {...}, "mime_type": ...}} like Haystack.
 *
 * <pre>{@code
 * ByteStream pdf = new ByteStream(Files.readAllBytes(path), Map.of("file", "a.pdf"), "application/pdf");
 * }</pre>
 *
 * @param data the bytes (copied defensively)
 * @param meta metadata
 * @param mimeType the MIME type or null
 */
public record ByteStream(byte[] data, Map<String, Object> meta, String mimeType) {
    public ByteStream {
        Objects.requireNonNull(data, "data");
        data = data.clone();
        meta = JsonValues.immutableMap(meta);
    }

    /** Encodes {@code text} as UTF-8. */
    public static ByteStream fromString(String text, String mimeType) {
        return new ByteStream(text.getBytes(StandardCharsets.UTF_8), Map.of(), mimeType);
    }

    /** A copy of the bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The bytes decoded as UTF-8. */
    public String asString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** {@code {"data": [ints], "meta", "mime_type"}}. */
    public Map<String, Object> toDict() {
        List<Object> ints = new ArrayList<>(data.length);
        for (byte b : data) {
            ints.add(b & 0xFF);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", ints);
        m.put("meta", JsonValues.mutableMap(meta));
        m.put("mime_type", mimeType);
        return m;
    }

    /** Reads {@code {"data": [ints], "meta", "mime_type"}}. */
    public static ByteStream fromDict(DictReader r) {
        List<Object> ints = r.optionalList("data");
        if (ints == null) {
            throw r.error("data", "missing field 'data'", null);
        }
        byte[] bytes = new byte[ints.size()];
        for (int i = 0; i < bytes.length; i++) {
            Object v = ints.get(i);
            if (!(v instanceof Integer) || (Integer) v < 0 || (Integer) v > 255) {
                throw r.error("data", "data[" + i + "] must be an integer in 0..255", null);
            }
            bytes[i] = (byte) (int) (Integer) v;
        }
        return new ByteStream(bytes, r.optionalMap("meta"), r.string("mime_type", null));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteStream && Arrays.equals(data, ((ByteStream) o).data)
                && meta.equals(((ByteStream) o).meta) && Objects.equals(mimeType, ((ByteStream) o).mimeType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), meta, mimeType);
    }

    @Override
    public String toString() {
        return "ByteStream[" + data.length + " bytes, meta=" + meta + ", mimeType=" + mimeType + "]";
    }
}
