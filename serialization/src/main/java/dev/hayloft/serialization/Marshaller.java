package dev.hayloft.serialization;

import java.util.Map;

/**
 * Converts between a dict ({@code Map<String, Object>} of JSON-like values) and text.
 * Haystack's {@code Marshaller} protocol.
 *
 * <pre>{@code
 * Marshaller yaml = YamlMarshaller.create();
 * String text = yaml.marshal(pipeline.toDict());
 * Map<String, Object> dict = yaml.unmarshal(text);
 * }</pre>
 */
public interface Marshaller {
    /** The dict as text. */
    String marshal(Map<String, Object> dict);

    /**
     * The dict the text holds; malformed, hostile or oversized input fails with a
     * {@link dev.hayloft.core.errors.DeserializationException}.
     */
    Map<String, Object> unmarshal(String text);
}
