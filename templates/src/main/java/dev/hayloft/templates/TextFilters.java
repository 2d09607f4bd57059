package dev.hayloft.templates;

import java.util.List;
import java.util.Set;

/**
 * Jinja2's text-shaping filters: {@code filesizeformat}, {@code truncate} (with the default
 * {@code truncate.leeway} policy of 5), {@code wordwrap} (Python's {@code textwrap}, see
 * {@link TextWrap}) and {@code pprint} (Python's {@code pprint.pformat}, see
 * {@link PrettyPrint}). As in Jinja2 they take the value as it is: {@code truncate} and
 * {@code wordwrap} need a string, and fail like Python otherwise.
 *
 * <pre>{@code
 * {{ 'foo bar baz qux'|truncate(9) }}        {# foo... #}
 * {{ 1500000|filesizeformat }}               {# 1.5 MB #}
 * {{ text|wordwrap(40, wrapstring='<br>') }}
 * }</pre>
 */
final class TextFilters {
    static final Set<String> NAMES = Set.of("filesizeformat", "truncate", "wordwrap", "pprint");
    /** Jinja2's default {@code truncate.leeway} policy. */
    static final long TRUNCATE_LEEWAY = 5;
    private static final String[] DECIMAL = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private TextFilters() {
    }

    static Object apply(RenderState state, String name, Object value, Args a) {
        switch (name) {
            case "filesizeformat":
                return fileSize(state, value, PyValues.truthy(a.check(name, "binary").get(0, "binary", false)));
            case "truncate":
                return truncate(state, value, a.check(name, "length", "killwords", "end", "leeway"));
            case "wordwrap":
                return wordwrap(state, value, a.check(name, "width", "break_long_words", "wrapstring",
                        "break_on_hyphens"));
            case "pprint":
                a.check(name);
                return PrettyPrint.pformat(state, value);
            default:
                throw TemplateException.runtime("No filter named '" + name + "' found.");
        }
    }

    /** Python's {@code float(value)} for the filters that convert: numbers and numeric strings. */
    static double toFloat(RenderState state, Object value) {
        if (PyValues.isNumber(value)) {
            return PyValues.toDouble(value);
        }
        if (value instanceof String s) {
            String t = PyStrings.strip(s, null).replace("_", "").toLowerCase(java.util.Locale.ROOT);
            if (t.matches("[+-]?(inf|infinity)")) {
                return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (t.matches("[+-]?nan")) {
                return Double.NaN;
            }
            if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
                return Double.parseDouble(t);
            }
            throw TemplateException.runtime("could not convert string to float: " + PyStrings.repr(s));
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        throw TemplateException.runtime("float() argument must be a string or a real number, not '"
                + PyValues.typeName(value) + "'");
    }

    private static String fileSize(RenderState state, Object value, boolean binary) {
        double bytes = toFloat(state, value);
        double base = binary ? 1024 : 1000;
        if (bytes == 1) {
            return "1 Byte";
        }
        if (bytes < base) {
            if (Double.isNaN(bytes)) {
                throw TemplateException.runtime("cannot convert float NaN to integer");
            }
            if (Double.isInfinite(bytes)) {
                throw TemplateException.runtime("cannot convert float infinity to integer");
            }
            return new java.math.BigDecimal(bytes).toBigInteger() + " Bytes";
        }
        String[] prefixes = binary ? BINARY : DECIMAL;
        double unit = 0;
        for (int i = 0; i < prefixes.length; i++) {
            unit = Math.pow(base, i + 2);
            if (bytes < unit || i == prefixes.length - 1) {
                double scaled = base * bytes / unit;
                return FormatSpec.apply(state, scaled, FormatSpec.parse(".1f")) + " " + prefixes[i];
            }
        }
        throw new AssertionError("unreachable");
    }

    private static Object truncate(RenderState state, Object value, Args a) {
        Object length = a.get(0, "length", 255L);
        boolean killwords = PyValues.truthy(a.get(1, "killwords", false));
        Object endArg = a.get(2, "end", "...");
        Object leewayArg = a.get(3, "leeway", null);
        Object leeway = leewayArg == null ? (Object) TRUNCATE_LEEWAY : leewayArg;
        long endLength = PyValues.len(endArg);
        if (!PyOps.compare(state, ">=", length, endLength)) {
            throw TemplateException.runtime("expected length >= " + endLength + ", got " + Filters.str(state, length));
        }
        if (!PyOps.compare(state, ">=", leeway, 0L)) {
            throw TemplateException.runtime("expected leeway >= 0, got " + Filters.str(state, leeway));
        }
        if (PyOps.compare(state, "<=", PyValues.len(value), PyOps.binary(state, "+", length, leeway))) {
            return value;
        }
        if (!(value instanceof String s)) {
            throw TemplateException.runtime("'" + PyValues.typeName(value) + "' object is not subscriptable");
        }
        if (!(endArg instanceof String end)) {
            throw TemplateException.runtime("can only concatenate str (not \"" + PyValues.typeName(endArg)
                    + "\") to str");
        }
        String head = (String) Attributes.getitem(state, s,
                new Attributes.Slice(null, PyOps.binary(state, "-", length, endLength), null));
        if (killwords) {
            return head + end;
        }
        int space = head.lastIndexOf(' ');
        return (space < 0 ? head : head.substring(0, space)) + end;
    }

    private static String wordwrap(RenderState state, Object value, Args a) {
        long width = Filters.asLong(a.get(0, "width", 79L));
        boolean breakLongWords = PyValues.truthy(a.get(1, "break_long_words", true));
        Object wrapArg = a.get(2, "wrapstring", null);
        boolean breakOnHyphens = PyValues.truthy(a.get(3, "break_on_hyphens", true));
        if (value instanceof Undefined u) {
            throw u.error();
        }
        if (!(value instanceof String s)) {
            throw TemplateException.runtime("'" + PyValues.typeName(value) + "' object has no attribute 'splitlines'");
        }
        String wrapstring = wrapArg == null ? "\n" : Filters.str(state, wrapArg);
        if (wrapArg != null && !(wrapArg instanceof String)) {
            throw TemplateException.runtime("descriptor 'join' for 'str' objects doesn't apply to a '"
                    + PyValues.typeName(wrapArg) + "' object");
        }
        TextWrap wrapper = new TextWrap(width, breakLongWords, breakOnHyphens);
        BoundedText out = state.text();
        List<Object> lines = PyStrings.splitlines(s, false);
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.append(wrapstring);
            }
            List<String> wrapped = wrapper.wrap((String) lines.get(i));
            for (int j = 0; j < wrapped.size(); j++) {
                out.append(j == 0 ? "" : wrapstring).append(wrapped.get(j));
            }
        }
        return out.toString();
    }
}
