package dev.hayloft.core.dataclasses;

import dev.hayloft.core.serde.DictReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which component produced a {@link StreamingChunk}: its type name and, inside a pipeline,
 * the name it was added under.
 *
 * <pre>{@code
 * ComponentInfo info = new ComponentInfo("dev.hayloft.openai.OpenAIChatGenerator", "llm");
 * }</pre>
 *
 * @param type the component's type name
 * @param name the component's name in its pipeline, or null
 */
public record ComponentInfo(String type, String name) {
    public ComponentInfo {
        Objects.requireNonNull(type, "type");
    }

    /** Describes {@code component} (its class name) with the pipeline name it was given, if any. */
    public static ComponentInfo of(Object component, String name) {
        return new ComponentInfo(component.getClass().getName(), name);
    }

    /** {@code {"type", "name"}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("name", name);
        return m;
    }

    /** Reads {@code {"type", "name"}}. */
    public static ComponentInfo fromDict(DictReader r) {
        return new ComponentInfo(r.requireString("type"), r.string("name", null));
    }
}
