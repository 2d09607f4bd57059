package dev.hayloft.templates;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a render context given in Java types into the interpreter's Python values: any
 * {@link Map} becomes a dict (in {@link DictOrder}: its own order, or a fixed one for hash-ordered
 * maps), any {@link Iterable} or array a list, integral numbers {@link Long} (or {@link BigInteger}
 * beyond 64 bits: Python ints have no size limit), other numbers
 * {@link Double}, {@link CharSequence}/{@link Character} {@link String}. Anything else is refused,
 * so no arbitrary Java object ever reaches a template. The copy also keeps a template's
 * {@code append} from changing the caller's lists. {@link #toPrintable} is the same conversion for
 * {@link Python}'s repr and JSON, which also keeps {@code byte[]} (bytes).
 *
 * <pre>{@code
 * Object messages = JavaValues.toPython(List.of(Map.of("role", "user", "content", "Hi")));
 * }</pre>
 */
final class JavaValues {
    private JavaValues() {
    }

    static Object toPython(Object value) {
        return convert(value, Collections.newSetFromMap(new IdentityHashMap<>()), 0, false);
    }

    /** {@link #toPython}, keeping {@code byte[]}, for printing only. */
    static Object toPrintable(Object value) {
        return convert(value, Collections.newSetFromMap(new IdentityHashMap<>()), 0, true);
    }

    private static Object convert(Object v, Set<Object> path, int depth, boolean printing) {
        if (depth > PyValues.MAX_VALUE_DEPTH) {
            throw new IllegalArgumentException("the chat template context nests deeper than " + PyValues.MAX_VALUE_DEPTH + " levels");
        }
        if (v == NoneValue.NONE) {
            return null;
        }
        if (printing && v instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof PyComplex || v instanceof DictView
                || v instanceof PyTuple || v instanceof Undefined || v instanceof TemplateObject) {
            return v;
        }
        if (v instanceof CharSequence || v instanceof Character) {
            return v.toString();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (v instanceof BigInteger b) {
            return PyInts.normalize(b);
        }
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (v instanceof Number n) {
            return n instanceof java.util.concurrent.atomic.AtomicInteger || n instanceof java.util.concurrent.atomic.AtomicLong
                    ? (Object) n.longValue() : (Object) n.doubleValue();
        }
        if (v instanceof Map<?, ?> || v instanceof Iterable<?> || v.getClass().isArray()) {
            if (!path.add(v)) {
                throw new IllegalArgumentException("the chat template context contains a cycle");
            }
            try {
                if (v instanceof Map<?, ?> map) {
                    Map<Object, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : DictOrder.items(map)) {
                        Object key = convert(e.getKey(), path, depth + 1, printing);
                        if (key instanceof List || key instanceof Map) {
                            throw new IllegalArgumentException("unhashable dict key in the chat template context: " + key);
                        }
                        out.put(key, convert(e.getValue(), path, depth + 1, printing));
                    }
                    return out;
                }
                List<Object> out = new ArrayList<>();
                if (v instanceof Iterable<?> items) {
                    for (Object item : items) {
                        out.add(convert(item, path, depth + 1, printing));
                    }
                } else {
                    for (int i = 0; i < Array.getLength(v); i++) {
                        out.add(convert(Array.get(v, i), path, depth + 1, printing));
                    }
                }
                return out;
            } finally {
                path.remove(v);
            }
        }
        throw new IllegalArgumentException("unsupported chat template context value of type " + v.getClass().getName()
                + " (use maps, lists, strings, numbers, booleans and null)");
    }
}
