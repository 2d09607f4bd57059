package dev.hayloft.hf.api;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.generation.RecordSchemas;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.hf.api.internal.ResponseFormatMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One structured-output option for every server the Hugging Face generators talk to: a JSON
 * schema (or a Java record's), JSON without a schema, a regular expression, or a choice among
 * fixed strings. Give it as {@code generation_kwargs.response_format}; each request translates
 * it into the dialect of the server behind it ({@link ServerBackend}): TGI's
 * {@code {"type": "json" | "regex", "value": ...}}, vLLM's {@code structured_outputs},
 * SGLang's JSON-schema {@code response_format} and {@code regex}, OpenAI's {@code json_schema}
 * for the Hugging Face router. A combination a server cannot do (TGI: a format together with
 * tools, or JSON without a schema; OpenAI-style servers: a regex or a choice) is refused before
 * anything is sent, saying why.
 *
 * <p>In {@code generation_kwargs} (and so in YAML) the format is a map: OpenAI's
 * {@code {"type": "json_schema", "json_schema": {"name", "schema"}}} and
 * {@code {"type": "json_object"}}, TGI's {@code {"type": "json", "value": schema}} and
 * {@code {"type": "regex", "value": pattern}}, and {@code {"type": "choice", "value": [...]}};
 * a {@code ResponseFormat} or a record class given in Java is stored as its map
 * ({@link #toMap()}).
 *
 * <pre>{@code
 * record Weather(String city, double celsius) {}
 * HuggingFaceAPIChatGenerator llm = HuggingFaceAPIChatGenerator.builder()
 *         .apiType(HFGenerationAPIType.TEXT_GENERATION_INFERENCE).url("http://localhost:8080")
 *         .generationKwargs(ResponseFormat.of(Weather.class).generationKwargs()).build();
 * Weather w = ResponseFormat.parse(llm.run(messages).replies().get(0), Weather.class);
 * Map<String, Object> yes = ResponseFormat.choice(List.of("yes", "no")).generationKwargs();
 * }</pre>
 */
public sealed interface ResponseFormat {

    /**
     * Output that follows a JSON schema.
     *
     * @param name the schema's name (OpenAI requires one; {@code "schema"} when not given)
     * @param schema the JSON schema
     * @param strict OpenAI's strict flag, or null to leave it out
     */
    record JsonSchema(String name, Map<String, Object> schema, Boolean strict) implements ResponseFormat {
        public JsonSchema {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("response_format: the JSON schema's name must not be blank");
            }
            schema = JsonValues.immutableMap(Objects.requireNonNull(schema, "response_format: schema"));
        }
    }

    /** Any JSON object (no schema). */
    record JsonObject() implements ResponseFormat {
    }

    /**
     * Output that matches a regular expression (the servers' regex dialect, close to Python's).
     *
     * @param pattern the regular expression
     */
    record Regex(String pattern) implements ResponseFormat {
        public Regex {
            if (pattern == null || pattern.isEmpty()) {
                throw new IllegalArgumentException("response_format: the regex must not be empty");
            }
        }
    }

    /**
     * Output that is exactly one of {@code options}.
     *
     * @param options the allowed outputs, at least one
     */
    record Choice(List<String> options) implements ResponseFormat {
        public Choice {
            if (options == null || options.isEmpty() || options.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("response_format: a choice needs at least one non-null option");
            }
            options = List.copyOf(options);
        }
    }

    /** Output following {@code schema}, named {@code "schema"}. */
    static ResponseFormat jsonSchema(Map<String, Object> schema) {
        return new JsonSchema("schema", schema, null);
    }

    /** Output following {@code schema}, named {@code name}. */
    static ResponseFormat jsonSchema(String name, Map<String, Object> schema) {
        return new JsonSchema(name, schema, null);
    }

    /** Output following the strict JSON schema of {@code type} (named after it), as the OpenAI module derives it. */
    static ResponseFormat of(Class<? extends Record> type) {
        Objects.requireNonNull(type, "type");
        return new JsonSchema(type.getSimpleName(), RecordSchemas.of(type), true);
    }

    /** Any JSON object. */
    static ResponseFormat jsonObject() {
        return new JsonObject();
    }

    /** Output matching {@code pattern}. */
    static ResponseFormat regex(String pattern) {
        return new Regex(pattern);
    }

    /** Output that is one of {@code options}. */
    static ResponseFormat choice(List<String> options) {
        return new Choice(options);
    }

    /** The map form kept in {@code generation_kwargs.response_format} (and in {@code toDict}). */
    default Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (this instanceof JsonSchema) {
            JsonSchema s = (JsonSchema) this;
            Map<String, Object> js = new LinkedHashMap<>();
            js.put("name", s.name());
            if (s.strict() != null) {
                js.put("strict", s.strict());
            }
            js.put("schema", JsonValues.mutableMap(s.schema()));
            m.put("type", "json_schema");
            m.put("json_schema", js);
        } else if (this instanceof JsonObject) {
            m.put("type", "json_object");
        } else if (this instanceof Regex) {
            m.put("type", "regex");
            m.put("value", ((Regex) this).pattern());
        } else {
            m.put("type", "choice");
            m.put("value", List.copyOf(((Choice) this).options()));
        }
        return m;
    }

    /** {@code {"response_format": toMap()}}, to merge into generation kwargs. */
    default Map<String, Object> generationKwargs() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("response_format", toMap());
        return kwargs;
    }

    /**
     * Reads a {@code response_format} value: a {@code ResponseFormat}, a record class, or one of
     * the map forms above; null for null and for {@code {"type": "text"}}.
     *
     * @throws IllegalArgumentException naming what is wrong with the value
     */
    @SuppressWarnings("unchecked")
    static ResponseFormat from(Object value) {
        if (value == null || value instanceof ResponseFormat) {
            return (ResponseFormat) value;
        }
        if (value instanceof Class && ((Class<?>) value).isRecord()) {
            return of((Class<? extends Record>) value);
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("generation_kwargs.response_format must be a map, a ResponseFormat or a "
                    + "record class, not " + value.getClass().getName());
        }
        return ResponseFormatMaps.fromMap((Map<String, Object>) value);
    }

    /**
     * The reply's text parsed into {@code type}.
     *
     * @throws IllegalArgumentException when the reply has no text, was cut at the token limit
     *         ({@code finish_reason} {@code length}), or does not fit {@code type}
     */
    static <T> T parse(ChatMessage reply, Class<T> type) {
        Objects.requireNonNull(reply, "reply");
        if ("length".equals(reply.meta().get("finish_reason"))) {
            throw new IllegalArgumentException("The reply cannot be parsed into " + type.getSimpleName() + ": its "
                    + "finish_reason is length, so the JSON is cut off at the token limit (raise max_tokens)");
        }
        if (reply.text() == null) {
            throw new IllegalArgumentException("The reply has no text to parse into " + type.getSimpleName()
                    + (reply.toolCalls().isEmpty() ? "" : "; it contains tool calls instead"));
        }
        return ResponseFormatMaps.parse(reply.text(), type);
    }
}
