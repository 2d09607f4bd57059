package dev.hayloft.templates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order in which a Java map's entries become a Python dict's items. A Python dict keeps
 * insertion order, so a map that has an order of its own keeps it ({@link LinkedHashMap}, sorted
 * maps, {@code Collections.unmodifiableMap} views, maps read from JSON or YAML...). Maps whose
 * iteration order is an accident of hashing ({@link HashMap} but not {@link LinkedHashMap},
 * {@link Hashtable}, {@link ConcurrentHashMap}, {@link WeakHashMap}, {@link IdentityHashMap}, and
 * {@code Map.of}/{@code Map.ofEntries}/{@code Map.copyOf}, whose order changes from one JVM run to
 * the next) are put in a fixed order instead: keys by kind (None, bool, number, str, anything
 * else), numbers by value, strings by code point, anything else by its Python repr.
 *
 * <pre>{@code
 * DictOrder.items(Map.of("b", 1, "a", 2))   // [a=2, b=1], in every JVM
 * }</pre>
 */
final class DictOrder {
    private static final Comparator<Object> KEYS = DictOrder::compareKeys;

    private DictOrder() {
    }

    /** Whether {@code map}'s iteration order depends on hashing rather than on how it was built. */
    static boolean isUnordered(Map<?, ?> map) {
        if (map.size() < 2) {
            return false;
        }
        if (map instanceof LinkedHashMap) {
            return false;
        }
        return map instanceof HashMap || map instanceof Hashtable || map instanceof ConcurrentHashMap
                || map instanceof WeakHashMap || map instanceof IdentityHashMap
                || map.getClass().getName().startsWith("java.util.ImmutableCollections$Map");
    }

    /** The entries of {@code map} in dict order (a copy of the entry list, not of the entries). */
    static <K, V> List<Map.Entry<K, V>> items(Map<K, V> map) {
        List<Map.Entry<K, V>> entries = new ArrayList<>(map.entrySet());
        if (isUnordered(map)) {
            entries.sort((x, y) -> KEYS.compare(x.getKey(), y.getKey()));
        }
        return entries;
    }

    private static int compareKeys(Object a, Object b) {
        int kind = Integer.compare(kind(a), kind(b));
        if (kind != 0) {
            return kind;
        }
        if (a instanceof Boolean x) {
            return Boolean.compare(x, (Boolean) b);
        }
        if (a instanceof Number x) {
            return compareNumbers(x, (Number) b);
        }
        if (a instanceof CharSequence || a instanceof Character) {
            return PyValues.compareCodePoints(a.toString(), b.toString());
        }
        return a == null ? 0 : PyValues.compareCodePoints(Python.repr(a), Python.repr(b));
    }

    private static int kind(Object key) {
        if (key == null) {
            return 0;
        }
        if (key instanceof Boolean) {
            return 1;
        }
        if (key instanceof Number) {
            return 2;
        }
        if (key instanceof CharSequence || key instanceof Character) {
            return 3;
        }
        return 4;
    }

    private static int compareNumbers(Number a, Number b) {
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.compare(x, y);
        }
        return exact(a).compareTo(exact(b));
    }

    private static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
