package dev.hayloft.templates;

import java.util.List;
import java.util.Map;

/**
 * Python-compatible text of Java values, for every place where Haystack's observable output
 * depends on Python's formatting: {@code repr()}, {@code str()}, float {@code repr},
 * {@code json.dumps} and {@code str.isprintable}. The template engine prints its values with the
 * same code, so a template's {@code {{ x }}} and {@code tojson} agree with these methods.
 *
 * <p>Java values map to Python as follows: {@code null} → None; {@link Boolean} → bool;
 * {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, atomic integers and
 * {@link java.math.BigInteger} (any size) → int; other numbers ({@link Float} by its decimal text,
 * {@link Double}, {@link java.math.BigDecimal} by its nearest double) → float; {@link CharSequence}
 * and {@link Character} → str; {@code byte[]} → bytes ({@code b'...'}); {@link Map} → dict; {@link List},
 * other {@link Iterable}s and arrays → list; {@link TemplateObject} → its own repr. Anything else,
 * a cycle, or nesting deeper than 900 levels is refused with an {@link IllegalArgumentException}.
 *
 * <p><b>Dict order.</b> A Python dict keeps insertion order. A map keeps its own iteration order
 * ({@link java.util.LinkedHashMap}, sorted maps, unmodifiable views, maps read from JSON or YAML),
 * except maps whose order comes from hashing: {@link java.util.HashMap} (not
 * {@link java.util.LinkedHashMap}), {@link java.util.Hashtable},
 * {@link java.util.concurrent.ConcurrentHashMap}, {@link java.util.WeakHashMap},
 * {@link java.util.IdentityHashMap} and {@code Map.of}/{@code Map.ofEntries}/{@code Map.copyOf}
 * (whose order changes from one JVM run to the next). Those are put in a fixed order, at every
 * nesting level: keys grouped by kind (None, bool, number, str, other), numbers by value, strings
 * by code point, others by their repr. {@link #dictItems} gives that order.
 *
 * <p><b>Unicode.</b> {@link #isPrintable} (and so {@link #repr} of a str) uses the JDK's Unicode
 * tables (Unicode 13 on JDK 17). Python 3.11 uses Unicode 14: the characters added in Unicode 14
 * (unassigned for the JDK) are escaped here and printed as is by Python; every other code point
 * agrees.
 *
 * <pre>{@code
 * Python.repr(Map.of("b", 1, "a", List.of(true, 0.1)));   // "{'a': [True, 0.1], 'b': 1}"
 * Python.repr("it's\n");                                 // "\"it's\\n\""
 * Python.repr("b".getBytes());                            // "b'b'"
 * Python.str("x");                                        // "x"
 * Python.floatRepr(1e-5);                                 // "1e-05"
 * Python.rstrip("Lily \t\n");                            // "Lily"
 * Python.floatRepr(1e20);                                 // "1e+20"
 * Python.jsonDumps(List.of("é", Double.NaN));             // "[\"\\u00e9\", NaN]"
 * Python.jsonDumps(Map.of("city", "Zürich"), JsonOptions.DEFAULTS.withEnsureAscii(false));
 *                                                         // "{\"city\": \"Zürich\"}"
 * }</pre>
 */
public final class Python {
    /** Limits large enough for any value; printing is still bounded by memory only. */
    private static final TemplateEnvironment UNBOUNDED = TemplateEnvironment.jinja2().toBuilder()
            .limits(new TemplateLimits(Integer.MAX_VALUE - 16, Long.MAX_VALUE, 64, 200)).build();

    private Python() {
    }

    /** Python's {@code repr(value)}. */
    public static String repr(Object value) {
        Object v = JavaValues.toPrintable(value);
        if (v instanceof String s) {
            return PyStrings.repr(s);
        }
        if (v instanceof TemplateObject o) {
            return o.repr();
        }
        try {
            return PyValues.str(new RenderState(UNBOUNDED), v);
        } catch (TemplateException e) {
            throw new IllegalArgumentException(e.templateMessage(), e);
        }
    }

    /** Python's {@code str(value)}: a str as it is, anything else as {@link #repr}. */
    public static String str(Object value) {
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        Object v = JavaValues.toPrintable(value);
        return v instanceof TemplateObject o ? o.str() : PyValues.str(new RenderState(UNBOUNDED), v);
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as the same double (JDK
     * 17's {@code Double.toString} is not always shortest), fixed for decimal exponents -4..15 and
     * scientific ({@code 1e+16}, {@code 1.5e-05}) otherwise; {@code nan}, {@code inf}, {@code -inf}.
     */
    public static String floatRepr(double value) {
        return PyFloats.repr(value);
    }

    /** Python's {@code json.dumps(value)} with its defaults ({@code ensure_ascii=True}, {@code ", "}, {@code ": "}). */
    public static String jsonDumps(Object value) {
        return jsonDumps(value, JsonOptions.DEFAULTS);
    }

    /**
     * Python's {@code json.dumps(value, **options)}: floats as {@link #floatRepr} with {@code NaN},
     * {@code Infinity}, {@code -Infinity}; dict keys that are bool, int, float or None written as
     * strings. Bytes, other unserialisable values, keys of other kinds, cycles, mixed key kinds with
     * {@code sort_keys} and out-of-range floats without {@code allow_nan} throw
     * {@link IllegalArgumentException} with Python's message.
     */
    public static String jsonDumps(Object value, JsonOptions options) {
        Object v = JavaValues.toPrintable(value);
        try {
            return PyJson.dumps(new RenderState(UNBOUNDED), v, options);
        } catch (TemplateException e) {
            throw new IllegalArgumentException(e.templateMessage(), e);
        }
    }

    /**
     * Python's {@code str.isprintable()} for one code point: false for the Unicode categories Cc
     * (controls), Cf (format: U+00AD, U+200B, U+FEFF...), Cs (surrogates), Co (private use), Cn
     * (unassigned), Zl (U+2028), Zp (U+2029) and Zs (U+00A0, U+3000...) except the ASCII space.
     * {@link #repr} escapes exactly these: {@code \xNN} below U+0100, {@code \}{@code uNNNN} below
     * U+10000, {@code \UNNNNNNNN} above.
     */
    public static boolean isPrintable(int codePoint) {
        return PyStrings.isPrintable(codePoint);
    }

    /** Python's {@code str.isspace()} for one code point (wider than {@link Character#isWhitespace}: U+00A0, U+0085...). */
    public static boolean isSpace(int codePoint) {
        return PyStrings.isSpace(codePoint);
    }

    /** Python's {@code s.strip()}: leading and trailing whitespace by {@link #isSpace}. */
    public static String strip(String s) {
        return PyStrings.strip(s, null);
    }

    /** Python's {@code s.lstrip()}. */
    public static String lstrip(String s) {
        return PyStrings.lstrip(s, null);
    }

    /** Python's {@code s.rstrip()}. */
    public static String rstrip(String s) {
        return PyStrings.rstrip(s, null);
    }

    /**
     * The entries of {@code map} in the order a Python dict built from it has (see the class
     * comment): the map's own order, or the fixed order for hash-ordered maps. Only the top level;
     * the entries themselves are the map's.
     */
    public static <K, V> List<Map.Entry<K, V>> dictItems(Map<K, V> map) {
        return DictOrder.items(map);
    }
}
