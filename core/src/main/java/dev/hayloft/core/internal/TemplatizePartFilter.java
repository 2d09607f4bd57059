package dev.hayloft.core.internal;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.hayloft.core.serde.Json;
import java.util.Map;

/** Haystack's {@code templatize_part} filter: embeds a content part in a {@code message} tag's body. */
final class TemplatizePartFilter implements Filter {
    @Override
    public String getName() {
        return "templatize_part";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        Object part = var instanceof Map ? ((Map<?, ?>) var).get(JinjaTemplates.CONTENT_PART_KEY) : null;
        if (part == null) {
            throw new IllegalArgumentException("templatize_part expects a content part (text, image, tool call, tool "
                    + "call result or reasoning), got " + (var == null ? "null" : var.getClass().getSimpleName()));
        }
        return ChatMessageTag.START + Json.write(part) + ChatMessageTag.END;
    }
}
