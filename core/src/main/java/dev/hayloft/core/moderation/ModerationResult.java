package dev.hayloft.core.moderation;

import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict of a {@link Moderation} over a list of texts (also the output sockets of a
 * moderation component: {@code flagged}, {@code categories}, {@code flagged_indices},
 * {@code meta}).
 *
 * <pre>{@code
 * ModerationResult r = new ModerationResult(true, List.of("violence"), List.of(1), Map.of("model", "omni-moderation-latest"));
 * Map<String, Object> reason = r.toDict();   // {"flagged": true, "categories": ["violence"], "flagged_indices": [1], ...}
 * }</pre>
 *
 * @param flagged whether any text was flagged
 * @param categories the names of the categories flagged in any text (e.g. {@code "violence"},
 *        {@code "hate/threatening"}), in the order the service lists them
 * @param flaggedIndices the 0-based positions of the flagged texts
 * @param meta what the service reports besides (e.g. {@code model}, {@code id})
 */
public record ModerationResult(boolean flagged, List<String> categories, List<Integer> flaggedIndices,
        Map<String, Object> meta) {

    public ModerationResult {
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        flaggedIndices = List.copyOf(Objects.requireNonNull(flaggedIndices, "flaggedIndices"));
        meta = JsonValues.immutableMap(meta);
        if (!flagged && !flaggedIndices.isEmpty()) {
            throw new IllegalArgumentException("flaggedIndices must be empty when nothing is flagged, got "
                    + flaggedIndices);
        }
    }

    /** A result flagging nothing. */
    public static ModerationResult notFlagged(Map<String, Object> meta) {
        return new ModerationResult(false, List.of(), List.of(), meta);
    }

    /** {@code {"flagged", "categories", "flagged_indices", ...meta}} as plain JSON values. */
    public Map<String, Object> toDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flagged", flagged);
        out.put("categories", new ArrayList<>(categories));
        out.put("flagged_indices", new ArrayList<>(flaggedIndices));
        out.putAll(JsonValues.mutableMap(meta));
        return out;
    }
}
