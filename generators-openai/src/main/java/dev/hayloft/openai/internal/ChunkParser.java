package dev.hayloft.openai.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.openai.errors.OpenAIInvalidDataException;
import dev.hayloft.core.serde.Json;
import dev.hayloft.core.http.ErrorBodyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the JSON of one chat-completion chunk event, once, straight from its bytes, into the
 * few fields a {@link StreamingChunkFields} holds: the model, {@code choices[0]}'s index,
 * finish reason and delta (content, role, refusal, tool calls), the usage, and Azure's
 * {@code prompt_filter_results} / {@code content_filter_results}. Everything else is
 * skipped without building values. One non-blocking Jackson parser serves the whole stream, fed
 * event by event (a parser per event would cost more than the rest of the chunk's handling). The
 * rarely present nested values ({@code usage}, {@code tool_calls}) become the same Java types
 * core's {@link Json} gives a non-streamed reply (ordered maps, lists, Integer/Long/BigInteger,
 * Double). The event must be exactly one JSON object; an object with a non-null {@code error}
 * becomes an {@link ErrorBodyException}. After a failure the parser is spent (the stream fails
 * with it).
 *
 * <pre>{@code
 * try (ChunkParser parser = new ChunkParser()) {
 *     StreamingChunkFields chunk = parser.parse(bytes, length);   // reused for every event of a stream
 * }
 * }</pre>
 */
final class ChunkParser implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final StreamingChunkFields fields = new StreamingChunkFields();
    private final JsonParser p;
    private final ByteArrayFeeder feeder;
    private boolean error;

    ChunkParser() {
        try {
            this.p = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.feeder = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
    }

    /**
     * Parses {@code buf[0..length)}. The returned fields are this parser's, overwritten by the
     * next call.
     *
     * @throws OpenAIInvalidDataException when the bytes are not exactly one JSON object
     * @throws ErrorBodyException when the object has a non-null {@code error}
     */
    StreamingChunkFields parse(byte[] buf, int length) {
        this.error = false;
        StreamingChunkFields f = fields;
        f.reset();
        try {
            if (!endsWithBrace(buf, length)) {
                throw invalid("a chunk of the response stream is not one JSON object", null);
            }
            feeder.feedInput(buf, 0, length);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("a chunk of the response stream is not a JSON object", null);
            }
            while (next() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = next();
                switch (name) {
                    case "model":
                        f.model = t == JsonToken.VALUE_STRING ? model() : null;
                        break;
                    case "usage":
                        f.usage = t == JsonToken.VALUE_NULL ? null : value();
                        break;
                    case "error":
                        error |= t != JsonToken.VALUE_NULL;
                        p.skipChildren();
                        break;
                    case "prompt_filter_results":   // Azure OpenAI
                        f.promptFilterResults = value();
                        break;
                    case "choices":
                        if (t == JsonToken.START_ARRAY) {
                            choices(f);
                        } else {
                            p.skipChildren();
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw invalid("a chunk of the response stream is not one complete JSON object", null);
            }
            if (p.nextToken() != JsonToken.NOT_AVAILABLE) {
                throw invalid("a chunk of the response stream has text after its JSON object", null);
            }
        } catch (JsonProcessingException e) {
            throw invalid("A chunk of the response stream is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw invalid("A chunk of the response stream could not be read: " + e.getMessage(), e);
        }
        if (error) {
            throw new ErrorBodyException(Json.parseObject(new String(buf, 0, length, StandardCharsets.UTF_8)), true);
        }
        return f;
    }

    private void choices(StreamingChunkFields f) throws IOException {
        boolean first = true;
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
            if (!first) {
                p.skipChildren();   // n > 1: only the first choice streams, as in Haystack
                continue;
            }
            first = false;
            if (t != JsonToken.START_OBJECT) {
                throw invalid("choices[0] of a chunk is not a JSON object", null);
            }
            f.hasChoice = true;
            while (next() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = next();
                switch (name) {
                    case "index":
                        f.choiceIndex = v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : 0;
                        break;
                    case "finish_reason":
                        f.finishReason = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "content_filter_results":   // Azure OpenAI
                        f.contentFilterResults = value();
                        break;
                    case "delta":
                        if (v == JsonToken.START_OBJECT) {
                            delta(f);
                        } else {
                            p.skipChildren();
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
        }
    }

    private void delta(StreamingChunkFields f) throws IOException {
        while (next() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = next();
            switch (name) {
                case "content":
                    f.content = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "role":
                    f.hasRole = v != JsonToken.VALUE_NULL;
                    p.skipChildren();
                    break;
                case "refusal":
                    f.refusal = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "tool_calls":
                    if (v == JsonToken.START_ARRAY) {
                        Object calls = value();
                        f.toolCalls = calls instanceof List && ((List<?>) calls).isEmpty() ? List.of() : (List<?>) calls;
                    } else {
                        p.skipChildren();
                        f.toolCalls = null;
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
    }

    /** The model name, the previous event's String when the text is the same (it nearly always is). */
    private String model() throws IOException {
        String previous = fields.previousModel;
        char[] chars = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (previous != null && previous.length() == len) {
            boolean same = true;
            for (int i = 0; i < len && same; i++) {
                same = previous.charAt(i) == chars[off + i];
            }
            if (same) {
                return previous;
            }
        }
        String model = new String(chars, off, len);
        fields.previousModel = model;
        return model;
    }

    /** The current value as plain Java values, typed as core's {@link Json} types them. */
    private Object value() throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken k = next(); k == JsonToken.FIELD_NAME; k = next()) {
                    String key = p.currentName();
                    next();
                    map.put(key, value());
                }
                return map;
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken e = next(); e != JsonToken.END_ARRAY; e = next()) {
                    list.add(value());
                }
                return list;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw invalid("a chunk of the response stream is not one complete JSON object", null);
        }
    }

    /** The next token; the event holds a whole object, so running out of input means it is cut. */
    private JsonToken next() throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.NOT_AVAILABLE || t == null) {
            throw invalid("a chunk of the response stream is not one complete JSON object", null);
        }
        return t;
    }

    private static boolean endsWithBrace(byte[] buf, int length) {
        for (int i = length - 1; i >= 0; i--) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '}';
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            p.close();
        } catch (IOException e) {
            // nothing to release but buffers
        }
    }

    private static OpenAIInvalidDataException invalid(String message, Throwable cause) {
        return cause == null ? new OpenAIInvalidDataException(message) : new OpenAIInvalidDataException(message, cause);
    }
}
