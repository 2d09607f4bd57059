package dev.hayloft.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.serialization.internal.DictChecks;
import dev.hayloft.serialization.internal.SafeYaml;
import java.util.Map;
import java.util.Objects;

/**
 * JSON with the same dict layout as {@link YamlMarshaller}: written indented with sorted
 * keys; read with bounded size and nesting, duplicate keys refused. Thread-safe.
 *
 * <pre>{@code
 * Pipeline p = PipelineSerializer.builder().marshaller(JsonMarshaller.create()).build().loads(json);
 * }</pre>
 */
public final class JsonMarshaller implements Marshaller {
    private final Limits limits;
    private final ObjectMapper mapper;

    private JsonMarshaller(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.mapper = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth()).maxStringLength(limits.maxChars())
                .maxDocumentLength(limits.maxChars()).build());
    }

    /** A marshaller with {@link Limits#DEFAULT}. */
    public static JsonMarshaller create() {
        return new JsonMarshaller(Limits.DEFAULT);
    }

    /** A marshaller with custom limits. */
    public static JsonMarshaller create(Limits limits) {
        return new JsonMarshaller(limits);
    }

    @Override
    public String marshal(Map<String, Object> dict) {
        Objects.requireNonNull(dict, "dict");
        try {
            return mapper.writeValueAsString(SafeYaml.sorted(dict)) + "\n";
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Map<String, Object> unmarshal(String text) {
        if (text == null) {
            throw new DeserializationException("JSON document is null");
        }
        if (text.length() > limits.maxChars()) {
            throw new DeserializationException("JSON document has " + text.length() + " characters, more than the "
                    + "limit of " + limits.maxChars());
        }
        Object root;
        try {
            root = mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new DeserializationException("Invalid JSON" + where + ": " + e.getOriginalMessage(), null, e);
        }
        return DictChecks.rootMapping(root, "JSON", limits);
    }
}
