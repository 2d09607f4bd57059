package dev.hayloft.core.generation;

import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output of a text generator ({@code OpenAIGenerator}, {@code HuggingFaceLocalGenerator},
 * ...): the sockets {@code replies} (strings) and {@code meta} (one map per reply:
 * {@code model}, {@code index}, {@code finish_reason}, {@code usage}, ...).
 *
 * <pre>{@code
 * GeneratorResult r = generator.run("Write a haiku about hay.");
 * System.out.println(r.replies().get(0) + " " + r.meta().get(0).get("finish_reason"));
 * }</pre>
 *
 * @param replies generated texts
 * @param meta metadata per reply
 */
public record GeneratorResult(List<String> replies, List<Map<String, Object>> meta) {
    public GeneratorResult {
        replies = List.copyOf(Objects.requireNonNull(replies, "replies"));
        List<Map<String, Object>> m = new ArrayList<>();
        for (Map<String, Object> x : Objects.requireNonNull(meta, "meta")) {
            m.add(JsonValues.immutableMap(x));
        }
        meta = List.copyOf(m);
    }
}
