package dev.hayloft.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.core.generation.RecordSchemas;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Structured outputs from a Java record: the strict JSON schema OpenAI should follow (the same
 * schema Haystack derives from the equivalent Pydantic model, titles included), the
 * {@code response_format} to pass in {@code generation_kwargs}, and parsing of the reply into
 * the record. Works streamed and not streamed.
 *
 * <pre>{@code
 * record CalendarEvent(String event_name, String event_date, String event_location) {}
 *
 * StructuredOutput<CalendarEvent> format = StructuredOutput.of(CalendarEvent.class);
 * OpenAIChatGenerator llm = OpenAIChatGenerator.builder().generationKwargs(format.generationKwargs()).build();
 * ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("The summit is on Oct 12 at the Hilton."))).replies().get(0);
 * CalendarEvent event = format.parse(reply);
 * }</pre>
 *
 * <p>For JSON mode without a schema, pass {@code Map.of("response_format", Map.of("type", "json_object"))}
 * as generation kwargs instead.
 *
 * @param <T> the record type
 */
public final class StructuredOutput<T extends Record> {
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final Class<T> type;
    private final Map<String, Object> schema;

    private StructuredOutput(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.schema = JsonValues.immutableMap(RecordSchemas.of(type));
    }

    /**
     * The structured output of {@code type}.
     *
     * @throws IllegalArgumentException when a component's type cannot be expressed in a strict schema
     */
    public static <T extends Record> StructuredOutput<T> of(Class<T> type) {
        return new StructuredOutput<>(type);
    }

    /** The record type. */
    public Class<T> type() {
        return type;
    }

    /** The schema's name: the record's simple name. */
    public String name() {
        return type.getSimpleName();
    }

    /** The strict JSON schema of the record. */
    public Map<String, Object> schema() {
        return schema;
    }

    /** {@code {"type": "json_schema", "json_schema": {"name": ..., "strict": true, "schema": {...}}}}. */
    public Map<String, Object> responseFormat() {
        Map<String, Object> jsonSchema = new LinkedHashMap<>();
        jsonSchema.put("name", name());
        jsonSchema.put("strict", true);
        jsonSchema.put("schema", JsonValues.mutableMap(schema));
        Map<String, Object> format = new LinkedHashMap<>();
        format.put("type", "json_schema");
        format.put("json_schema", jsonSchema);
        return format;
    }

    /** {@code {"response_format": responseFormat()}}, to merge into generation kwargs. */
    public Map<String, Object> generationKwargs() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("response_format", responseFormat());
        return kwargs;
    }

    /**
     * The reply's text parsed into the record.
     *
     * @throws IllegalArgumentException when the reply has no text (e.g. the model refused or
     *         called a tool; the refusal is in the message), when its {@code finish_reason} is
     *         {@code length} (the JSON was cut off) or {@code content_filter} (the JSON was cut
     *         or withheld), or when the text does not fit the record
     */
    public T parse(ChatMessage reply) {
        Objects.requireNonNull(reply, "reply");
        Object finish = reply.meta().get("finish_reason");
        if ("length".equals(finish) || "content_filter".equals(finish)) {
            throw new IllegalArgumentException("The reply cannot be parsed into " + name() + ": its finish_reason is "
                    + finish + ", so the JSON is "
                    + ("length".equals(finish) ? "cut off at the token limit (raise max_completion_tokens)"
                            : "cut or absent (the content filter stopped the model)"));
        }
        String text = reply.text();
        if (text == null) {
            Object refusal = reply.meta().get("refusal");
            throw new IllegalArgumentException("The reply has no text to parse into " + name()
                    + (refusal != null ? "; the model refused: " + refusal
                            : reply.toolCalls().isEmpty() ? "" : "; it contains tool calls instead"));
        }
        return parse(text);
    }

    /**
     * JSON text parsed into the record.
     *
     * @throws IllegalArgumentException when the text does not fit the record
     */
    public T parse(String json) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The reply is not a valid " + name() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "StructuredOutput[" + type.getName() + "]";
    }
}
