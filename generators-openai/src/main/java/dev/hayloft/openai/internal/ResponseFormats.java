package dev.hayloft.openai.internal;

import dev.hayloft.openai.StructuredOutput;
import java.util.Map;

/**
 * Lets {@code generation_kwargs.response_format} be given as a record class or a
 * {@link StructuredOutput} (as Haystack accepts a Pydantic model) and turns it into OpenAI's
 * {@code json_schema} response format, so that it is sent, and serialised, as JSON.
 *
 * <pre>{@code
 * Map<String, Object> kwargs = ResponseFormats.normalize(new HashMap<>(Map.of("response_format", Event.class)));
 * // {response_format={type=json_schema, json_schema={name=Event, strict=true, schema={...}}}}
 * }</pre>
 */
public final class ResponseFormats {
    private ResponseFormats() {
    }

    /** {@code kwargs} with a class or {@link StructuredOutput} response format replaced by its map; mutates. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalize(Map<String, Object> kwargs) {
        Object format = kwargs.get("response_format");
        if (format instanceof StructuredOutput) {
            kwargs.put("response_format", ((StructuredOutput<?>) format).responseFormat());
        } else if (format instanceof Class) {
            Class<?> type = (Class<?>) format;
            if (!type.isRecord()) {
                throw new IllegalArgumentException("generation_kwargs.response_format: " + type.getName()
                        + " is not a record; give a record class, a StructuredOutput or a JSON schema map");
            }
            kwargs.put("response_format", StructuredOutput.of((Class<? extends Record>) type).responseFormat());
        }
        return kwargs;
    }
}
