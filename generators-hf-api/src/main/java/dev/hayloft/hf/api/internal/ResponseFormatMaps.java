package dev.hayloft.hf.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.hayloft.hf.api.ResponseFormat;
import java.util.List;
import java.util.Map;

/**
 * The map forms of {@link ResponseFormat} ({@code generation_kwargs.response_format} as
 * OpenAI, TGI and Hayloft write it) and the parsing of a reply into a record.
 *
 * <pre>{@code
 * ResponseFormat f = ResponseFormatMaps.fromMap(Map.of("type", "regex", "value", "[0-9]+"));
 * }</pre>
 */
public final class ResponseFormatMaps {
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private ResponseFormatMaps() {
    }

    /** {@code json} read into {@code type}; an {@link IllegalArgumentException} when it does not fit. */
    public static <T> T parse(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The reply is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The format a {@code response_format} map describes; null for {@code {"type": "text"}}. */
    @SuppressWarnings("unchecked")
    public static ResponseFormat fromMap(Map<String, Object> m) {
        Object type = m.get("type");
        Object value = m.get("value");
        if ("text".equals(type)) {
            return null;
        }
        if ("json_schema".equals(type)) {
            Object js = m.containsKey("json_schema") ? m.get("json_schema") : value;   // OpenAI's, TGI's
            if (!(js instanceof Map) || !(((Map<?, ?>) js).get("schema") instanceof Map)) {
                throw new IllegalArgumentException("generation_kwargs.response_format.json_schema must be a map "
                        + "with a 'schema' map");
            }
            Map<String, Object> j = (Map<String, Object>) js;
            Object name = j.get("name");
            Object strict = j.get("strict");
            return new ResponseFormat.JsonSchema(name instanceof String ? (String) name : "schema",
                    (Map<String, Object>) j.get("schema"), strict instanceof Boolean ? (Boolean) strict : null);
        }
        if ("json".equals(type) || "json_object".equals(type)) {
            if (value == null) {
                return new ResponseFormat.JsonObject();
            }
            if (!(value instanceof Map)) {
                throw new IllegalArgumentException("generation_kwargs.response_format.value must be a JSON "
                        + "schema map");
            }
            return new ResponseFormat.JsonSchema("schema", (Map<String, Object>) value, null);
        }
        if ("regex".equals(type)) {
            if (!(value instanceof String)) {
                throw new IllegalArgumentException("generation_kwargs.response_format.value must be the regex "
                        + "string");
            }
            return new ResponseFormat.Regex((String) value);
        }
        if ("choice".equals(type)) {
            if (!(value instanceof List)) {
                throw new IllegalArgumentException("generation_kwargs.response_format.value must be the list of "
                        + "choices");
            }
            return new ResponseFormat.Choice(((List<?>) value).stream().map(o -> o == null ? null : o.toString())
                    .toList());
        }
        throw new IllegalArgumentException("generation_kwargs.response_format.type must be one of json_schema, "
                + "json_object, json, regex, choice or text, not " + type);
    }
}
