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

    /** One node of the walk; its path is only spelled out when it is reported. */
    private record Frame(Object value, Frame parent, Object step, int depth) {
        String path() {
            StringBuilder sb = new StringBuilder();
            appendPath(this, sb);
            return sb.toString();
        }

        private static void appendPath(Frame f, StringBuilder sb) {
            if (f == null || f.parent == null) {
                return;
            }
            appendPath(f.parent, sb);
            if (f.step instanceof Integer) {
                sb.append('[').append(f.step).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(f.step);
            }
        }
    }

    /**
     * Iterative walk: every mapping key a string; depth bounded (also guards against cycles).
     * Linear in the number of nodes: paths are built only for the node reported.
     */
    private static void checkKeys(Object root, int maxDepth) {
        Deque<Frame> work = new ArrayDeque<>();
        work.push(new Frame(root, null, null, 0));
        while (!work.isEmpty()) {
            Frame f = work.pop();
            Object v = f.value();
            if (f.depth() + 1 > maxDepth && (v instanceof Map || v instanceof List)
                    && !(v instanceof Map ? ((Map<?, ?>) v).isEmpty() : ((List<?>) v).isEmpty())) {
                Object step = v instanceof Map ? ((Map<?, ?>) v).keySet().iterator().next() : (Object) 0;
                throw new DeserializationException("document nested deeper than " + maxDepth + " levels",
                        new Frame(null, f, step, f.depth() + 1).path(), null);
            }
            if (v instanceof Map) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!(e.getKey() instanceof String)) {
                        throw new DeserializationException("mapping keys must be strings, got " + e.getKey(), f.path(),
                                null);
                    }
                    if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                        work.push(new Frame(e.getValue(), f, e.getKey(), f.depth() + 1));
                    }
                }
            } else if (v instanceof List) {
                int i = 0;
                for (Object x : (List<?>) v) {
                    if (x instanceof Map || x instanceof List) {
                        work.push(new Frame(x, f, i, f.depth() + 1));
                    }
                    i++;
                }
            }
        }
    }
}
