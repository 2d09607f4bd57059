package dev.hayloft.core.internal;

import dev.hayloft.core.dataclasses.ByteStream;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.ContentPart;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.dataclasses.SparseEmbedding;
import dev.hayloft.templates.Python;
import dev.hayloft.templates.TemplateObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How core's data classes look inside prompt templates: each becomes a {@link TemplateObject}
 * exposing the attributes Haystack's Python class has ({@code doc.content}, {@code doc.meta},
 * {@code message.text}, {@code message.tool_calls}, {@code image.base64_image}...) and printing
 * as the Python object prints ({@code Document(id=..., content: '...')},
 * {@code TextContent(text='Hi')}). Explicit per class: templates never reach Java reflection.
 * Maps, lists and arrays are converted element by element; a {@link ChatRole} or
 * {@link FinishReason} becomes its wire string; other Java objects become opaque values that
 * print their {@code toString()} and have no attributes.
 *
 * <pre>{@code
 * Object view = TemplateViews.of(List.of(Document.of("Paris is in France.")));
 * env.compile("{{ docs[0].content }}").render(Map.of("docs", view));   // "Paris is in France."
 * }</pre>
 */
public final class TemplateViews {
    private static final int MAX_DEPTH = 900;

    private TemplateViews() {
    }

    /** A render context with every value converted by {@link #of}. */
    public static Map<String, Object> context(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, of(v)));
        return out;
    }

    /** The template value of {@code value}. */
    public static Object of(Object value) {
        return of(value, 0);
    }

    private static Object of(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("template variables nest deeper than " + MAX_DEPTH + " levels");
        }
        if (v == null || v instanceof CharSequence || v instanceof Number || v instanceof Boolean
                || v instanceof Character || v instanceof TemplateObject) {
            return v;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(of(k, depth + 1), of(x, depth + 1)));
            return out;
        }
        if (v instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(x -> out.add(of(x, depth + 1)));
            return out;
        }
        if (v instanceof byte[] bytes) {
            return new Bytes(bytes);
        }
        if (v instanceof Object[] array) {
            List<Object> out = new ArrayList<>(array.length);
            for (Object x : array) {
                out.add(of(x, depth + 1));
            }
            return out;
        }
        if (v.getClass().isArray()) {
            return v; // primitive arrays: lists of numbers
        }
        Object view = dataclass(v);
        return view != null ? view : new Opaque(v);
    }

    private static Object dataclass(Object v) {
        if (v instanceof Document d) {
            return new DocumentView(d);
        }
        if (v instanceof ChatMessage m) {
            return new MessageView(m);
        }
        if (v instanceof ContentPart p) {
            return ContentPartViews.of(p);
        }
        if (v instanceof GeneratedAnswer a) {
            return new AnswerView(a);
        }
        if (v instanceof ByteStream b) {
            return new ByteStreamView(b);
        }
        if (v instanceof SparseEmbedding s) {
            return new SparseView(s);
        }
        if (v instanceof ChatRole r) {
            return r.value();
        }
        if (v instanceof FinishReason f) {
            return f.value();
        }
        return null;
    }

    /** Python's {@code repr} of a value as templates see it. */
    static String pyRepr(Object v) {
        return Python.repr(of(v));
    }

    static Optional<Object> value(Object v) {
        return v == null ? TemplateObject.none() : Optional.of(of(v));
    }

    private static <T> List<Object> views(List<T> items) {
        List<Object> out = new ArrayList<>(items.size());
        items.forEach(x -> out.add(of(x)));
        return out;
    }

    record DocumentView(Document doc) implements TemplateObject {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "id" -> value(doc.id());
                case "content" -> value(doc.content());
                case "blob" -> value(doc.blob());
                case "meta" -> value(doc.meta());
                case "score" -> value(doc.score());
                case "embedding" -> value(doc.embedding());
                case "sparse_embedding" -> value(doc.sparseEmbedding());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            List<String> fields = new ArrayList<>();
            String c = doc.content();
            if (c != null) {
                fields.add(c.codePointCount(0, c.length()) < 100 ? "content: '" + c + "'"
                        : "content: '" + c.substring(0, c.offsetByCodePoints(0, 100)) + "...'");
            }
            if (doc.blob() != null) {
                fields.add("blob: " + doc.blob().data().length + " bytes");
            }
            if (!doc.meta().isEmpty()) {
                fields.add("meta: " + pyRepr(doc.meta()));
            }
            if (doc.score() != null) {
                fields.add("score: " + Python.floatRepr(doc.score()));
            }
            if (doc.embedding() != null) {
                fields.add("embedding: vector of size " + doc.embedding().size());
            }
            if (doc.sparseEmbedding() != null) {
                fields.add("sparse_embedding: vector with " + doc.sparseEmbedding().indices().size()
                        + " non-zero elements");
            }
            return "Document(id=" + doc.id() + ", " + String.join(", ", fields) + ")";
        }

        @Override
        public String typeName() {
            return "Document";
        }
    }

    record MessageView(ChatMessage message) implements TemplateObject {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "role" -> value(message.role().value());
                case "meta" -> value(message.meta());
                case "name" -> value(message.name());
                case "texts" -> value(message.texts());
                case "text" -> value(message.text());
                case "tool_calls" -> value(message.toolCalls());
                case "tool_call" -> value(message.toolCall());
                case "tool_call_results" -> value(message.toolCallResults());
                case "tool_call_result" -> value(message.toolCallResult());
                case "images" -> value(message.images());
                case "image" -> value(message.image());
                case "reasonings" -> value(message.reasonings());
                case "reasoning" -> value(message.reasoning());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            String role = message.role().name();
            return "ChatMessage(_role=<ChatRole." + role + ": '" + message.role().value() + "'>, _content="
                    + Python.repr(views(message.content())) + ", _name=" + Python.repr(message.name()) + ", _meta="
                    + pyRepr(message.meta()) + ")";
        }

        @Override
        public boolean truthy() {
            return !message.content().isEmpty(); // ChatMessage.__len__
        }

        @Override
        public String typeName() {
            return "ChatMessage";
        }
    }

    record AnswerView(GeneratedAnswer answer) implements TemplateObject {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "data" -> value(answer.data());
                case "query" -> value(answer.query());
                case "documents" -> value(answer.documents());
                case "meta" -> value(answer.meta());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            return "GeneratedAnswer(data=" + Python.repr(answer.data()) + ", query=" + Python.repr(answer.query())
                    + ", documents=" + pyRepr(answer.documents()) + ", meta=" + pyRepr(answer.meta()) + ")";
        }

        @Override
        public String typeName() {
            return "GeneratedAnswer";
        }
    }

    record ByteStreamView(ByteStream stream) implements TemplateObject {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "data" -> value(stream.data());
                case "meta" -> value(stream.meta());
                case "mime_type" -> value(stream.mimeType());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            byte[] data = stream.data();
            String bytes = data.length > 100 ? Bytes.repr(java.util.Arrays.copyOf(data, 100), "...") : Bytes.repr(data, "");
            return "ByteStream(data=" + bytes + ", meta=" + pyRepr(stream.meta()) + ", mime_type="
                    + Python.repr(stream.mimeType()) + ")";
        }

        @Override
        public String typeName() {
            return "ByteStream";
        }
    }

    record SparseView(SparseEmbedding embedding) implements TemplateObject {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "indices" -> value(embedding.indices());
                case "values" -> value(embedding.values());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            return "SparseEmbedding(indices=" + Python.repr(embedding.indices()) + ", values="
                    + Python.repr(embedding.values()) + ")";
        }

        @Override
        public String typeName() {
            return "SparseEmbedding";
        }
    }

    /** Python {@code bytes}: prints as {@code b'...'}. */
    record Bytes(byte[] data) implements TemplateObject {
        @Override
        public Optional<Object> attribute(String name) {
            return Optional.empty();
        }

        @Override
        public String repr() {
            return repr(data, "");
        }

        @Override
        public boolean truthy() {
            return data.length > 0;
        }

        @Override
        public String typeName() {
            return "bytes";
        }

        /** Python's {@code repr(bytes)} of {@code data} followed by the ASCII {@code tail}. */
        static String repr(byte[] data, String tail) {
            boolean single = false;
            boolean dbl = false;
            for (byte b : data) {
                single |= b == '\'';
                dbl |= b == '"';
            }
            char quote = single && !dbl ? '"' : '\'';
            StringBuilder sb = new StringBuilder("b").append(quote);
            for (byte x : data) {
                int b = x & 0xff;
                if (b == quote || b == '\\') {
                    sb.append('\\').append((char) b);
                } else if (b == '\t') {
                    sb.append("\\t");
                } else if (b == '\n') {
                    sb.append("\\n");
                } else if (b == '\r') {
                    sb.append("\\r");
                } else if (b < 0x20 || b >= 0x7f) {
                    sb.append(String.format("\\x%02x", b));
                } else {
                    sb.append((char) b);
                }
            }
            return sb.append(tail).append(quote).toString();
        }
    }

    /** Any other Java object: no attributes, prints its {@code toString()}. */
    record Opaque(Object value) implements TemplateObject {
        @Override
        public Optional<Object> attribute(String name) {
            return Optional.empty();
        }

        @Override
        public String repr() {
            return String.valueOf(value);
        }

        @Override
        public String typeName() {
            return value.getClass().getSimpleName();
        }
    }
}
