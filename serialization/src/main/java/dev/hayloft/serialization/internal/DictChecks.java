package dev.hayloft.serialization.internal;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.serialization.Limits;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Checks a parsed document: a mapping at the root, string keys everywhere, bounded depth. *
 * <pre>{@code
 * Map<String, Object> root = DictChecks.rootMapping(parsed, "YAML", Limits.DEFAULT);
 * }</pre>
 */
public final class DictChecks {
    private DictChecks() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> rootMapping(Object root, String format, Limits limits) {
        if (root == null) {
            throw new DeserializationException(format + " document is empty");
        }
        if (!(root instanceof Map)) {
            throw new DeserializationException(format + " document must be a mapping at the top level, not a "
                    + (root instanceof List ? "list" : root.getClass().getSimpleName()));
        }
        checkKeys(root, limits.maxDepth());
        return (Map<String, Object>) root;
    }

    /** Iterative walk: every mapping key a string; depth bounded (also guards against cycles). */
    private static void checkKeys(Object root, int maxDepth) {
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {root, "", 0});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            Object v = item[0];
            String path = (String) item[1];
            int depth = (Integer) item[2];
            if (depth > maxDepth) {
                throw new DeserializationException("document nested deeper than " + maxDepth + " levels", path, null);
            }
            if (v instanceof Map) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!(e.getKey() instanceof String)) {
                        throw new DeserializationException("mapping keys must be strings, got " + e.getKey(), path,
                                null);
                    }
                    String p = path.isEmpty() ? (String) e.getKey() : path + "." + e.getKey();
                    work.push(new Object[] {e.getValue(), p, depth + 1});
                }
            } else if (v instanceof List) {
                int i = 0;
                for (Object x : (List<?>) v) {
                    work.push(new Object[] {x, path + "[" + i++ + "]", depth + 1});
                }
            }
        }
    }
}
