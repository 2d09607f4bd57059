package dev.hayloft.core.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * JSON reading and writing for the plain values Hayloft passes around: maps (insertion
 * ordered), lists, strings, numbers, booleans and {@code null}.
 *
 * <p>Parsing is strict: the text must be exactly one JSON value, so {@code {"a": 1} trailing words}
 * or two concatenated objects fail instead of yielding the first value.
 *
 * <p>Parsing is bounded (nesting depth, string length) so hostile input cannot exhaust the
 * stack or memory; failures are {@link IllegalArgumentException}s with a short reason.
 *
 * <p>The mapper behind these methods is private: modules that need Jackson features of their
 * own (other separators, typed binding) configure a mapper of their own instead of sharing
 * and mutating this one.
 *
 * <pre>{@code
 * Map<String, Object> args = Json.parseObject("{\"city\": \"Berlin\"}");
 * String text = Json.write(args);          // {"city":"Berlin"}
 * Map<String, Object> body = Json.parseObject(response.body());   // an InputStream, read once
 * }</pre>
 */
public final class Json {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(1000)
                .maxStringLength(50_000_000)
                .build());
    }

    private Json() {
    }

    /** Parses a JSON object into an insertion-ordered map. */
    public static Map<String, Object> parseObject(String json) {
        if (json == null) {
            throw new IllegalArgumentException("JSON text is null");
        }
        try {
            return nonNull(MAPPER.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a JSON object from {@code in} (UTF-8, -16 or -32, detected) into an
     * insertion-ordered map, streaming rather than buffering the text first. Closes {@code in}.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     * @throws UncheckedIOException when reading the stream fails
     */
    public static Map<String, Object> parseObject(InputStream in) {
        if (in == null) {
            throw new IllegalArgumentException("JSON input stream is null");
        }
        try {
            return nonNull(MAPPER.readValue(in, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON object: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON could not be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> nonNull(Map<String, Object> m) {
        if (m == null) {
            throw new IllegalArgumentException("expected a JSON object but got null");
        }
        return m;
    }

    /** Parses any JSON value (object, array, string, number, boolean, null). */
    public static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a value as compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a value as compact JSON in UTF-8 bytes (no intermediate string), e.g. for a request body. */
    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a value as indented JSON. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON array. */
    public static List<Object> parseArray(String json) {
        Object v = parse(json);
        if (v instanceof List) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) v;
            return l;
        }
        throw new IllegalArgumentException("expected a JSON array");
    }
}
