package dev.hayloft.templates;

/**
 * Python-compatible text of Java values, for every place where Haystack's observable output
 * depends on Python's formatting: {@code repr()}, {@code str()} and float {@code repr}. Values
 * map to Python as in a template context: {@code null} → None, {@link Boolean} → bool, integral
 * numbers → int, other numbers → float, {@link CharSequence} → str, maps → dict (in their
 * iteration order), lists, other iterables and arrays → list, {@link TemplateObject} → its own
 * repr.
 *
 * <pre>{@code
 * Python.repr(Map.of("a", List.of(true, 0.1)));   // "{'a': [True, 0.1]}"
 * Python.str("x");                                 // "x"
 * Python.floatRepr(1e-5);                          // "1e-05"
 * Python.floatRepr(1e20);                          // "1e+20"
 * }</pre>
 */
public final class Python {
    private Python() {
    }

    /** Python's {@code repr(value)}. */
    public static String repr(Object value) {
        return PyValues.repr(JavaValues.toPython(value));
    }

    /** Python's {@code str(value)}: a string as it is, anything else as {@link #repr}. */
    public static String str(Object value) {
        Object v = JavaValues.toPython(value);
        return v instanceof String s ? s : PyValues.repr(v);
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as the same double (JDK
     * 17's {@code Double.toString} is not always shortest), fixed for decimal exponents -4..15 and
     * scientific ({@code 1e+16}, {@code 1.5e-05}) otherwise; {@code nan}, {@code inf}, {@code -inf}.
     */
    public static String floatRepr(double value) {
        return PyFloats.repr(value);
    }
}
