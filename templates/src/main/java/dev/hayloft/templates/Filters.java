package dev.hayloft.templates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jinja2's filters as a chat template sees them under transformers, with {@code tojson} replaced
 * by transformers' {@code json.dumps(x, ensure_ascii=False, indent, separators, sort_keys)}.
 * Scalar and string filters live here; filters over sequences are in {@link SeqFilters}. There
 * is no autoescaping, so {@code safe} only stringifies and {@code escape} returns plain text.
 *
 * <pre>{@code
 * Filters.apply(st, "trim", "  hi ", Args.EMPTY)          // "hi"
 * Filters.apply(st, "tojson", Map.of("a", 1L), Args.EMPTY)  // {"a": 1}
 * }</pre>
 */
final class Filters {
    private static final Set<String> OWN = Set.of("tojson", "trim", "length", "count", "items", "default", "d",
            "string", "upper", "lower", "title", "capitalize", "replace", "int", "float", "abs", "round", "indent",
            "safe", "e", "escape", "forceescape", "center", "wordcount", "format", "attr");
    private static final Set<String> SEQUENCE = Set.of("first", "last", "list", "join", "map", "select", "reject",
            "selectattr", "rejectattr", "unique", "sort", "reverse", "sum", "min", "max", "dictsort", "batch");
    /** Every built-in filter of Jinja2 3.1. */
    static final Set<String> NAMES = union(OWN, SEQUENCE, TextFilters.NAMES, HtmlFilters.NAMES, GroupFilters.NAMES);
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private Filters() {
    }

    static Object apply(RenderState state, String name, Object value, Args a) {
        if (value instanceof String s) {
            state.work(s.length());
        }
        FilterSignatures.check(name, a, state.environment().jsonFilter() == TemplateEnvironment.JsonFilter.TRANSFORMERS);
        switch (name) {
            case "tojson":
                if (state.environment().jsonFilter() == TemplateEnvironment.JsonFilter.JINJA2) {
                    // Jinja2's htmlsafe_json_dumps: json.dumps(sort_keys=True, indent=...) with <>&' escaped
                    a.check(name, "indent");
                    return state.markSafe(PyJson.dumps(state, value, true, a.get(0, "indent", null), null, true)
                            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                            .replace("'", "\\u0027"));
                }
                a.check(name, "ensure_ascii", "indent", "separators", "sort_keys");
                return PyJson.dumps(state, value, PyValues.truthy(a.get(0, "ensure_ascii", false)),
                        a.get(1, "indent", null), a.get(2, "separators", null), PyValues.truthy(a.get(3, "sort_keys", false)));
            case "trim": {
                Object chars = a.check(name, "chars").get(0, "chars", null);
                return PyStrings.strip(str(state, value), chars == null ? null : str(state, chars));
            }
            case "length":
            case "count":
                a.check(name);
                return PyValues.len(value);
            case "items":
                a.check(name);
                return PyIterator.generator("do_items", () -> {
                    if (value instanceof Undefined) {
                        return new ArrayList<>();
                    }
                    if (!(value instanceof Map)) {
                        throw TemplateException.runtime("Can only get item pairs from a mapping.");
                    }
                    return Methods.items((Map<?, ?>) value);
                });
            case "default":
            case "d": {
                a.check(name, "default_value", "boolean");
                boolean useFalsy = PyValues.truthy(a.get(1, "boolean", false));
                boolean missing = value instanceof Undefined || (useFalsy && !PyValues.truthy(value));
                return missing ? a.get(0, "default_value", "") : value;
            }
            case "string":
                a.check(name);
                return str(state, value);
            case "safe":
                a.check(name);
                return state.isMarkup(value) ? value : state.markSafe(str(state, value));
            case "upper":
                a.check(name);
                return PyStrings.upper(str(state, value));
            case "lower":
                a.check(name);
                return PyStrings.lower(str(state, value));
            case "title":
                a.check(name);
                return PyStrings.jinjaTitle(str(state, value));
            case "capitalize":
                a.check(name);
                return PyStrings.capitalize(str(state, value));
            case "replace": {
                a.check(name, "old", "new", "count");
                Object count = a.get(2, "count", null);
                return StrMethods.replace(state, str(state, value), str(state, a.require(0, "old", name)),
                        str(state, a.require(1, "new", name)), count == null ? -1 : asLong(count));
            }
            case "int":
            case "float":
                if (value instanceof Undefined u) {
                    throw u.error();
                }
                return name.equals("int") ? toInt(state, value, a.check(name, "default", "base"))
                        : toFloat(state, value, a.check(name, "default").get(0, "default", 0.0));
            case "abs":
                a.check(name);
                if (value instanceof Double d) {
                    return Math.abs(d);
                }
                return PyInts.normalize(PyInts.big(number(value)).abs());
            case "round":
                return round(state, value, a.check(name, "precision", "method"));
            case "indent":
                return indent(state, indentable(value), a.check(name, "width", "first", "blank"));
            case "e":
            case "escape":
                a.check(name);
                return state.isMarkup(value) ? value : state.markSafe(escape(str(state, value)));
            case "forceescape":
                a.check(name);
                return state.markSafe(escape(str(state, value)));
            case "center": {
                long width = asLong(a.check(name, "width").get(0, "width", 80L));
                return StrMethods.call(state, str(state, value), "center", Args.of(width));
            }
            case "wordcount":
                a.check(name);
                return WORD.matcher(str(state, value)).results().count();
            case "format": {
                if (!a.keywords().isEmpty() && a.positionalCount() > 0) {
                    throw TemplateException.runtime("can't handle positional and keyword arguments at the same time");
                }
                Object args = a.keywords().isEmpty() ? new PyTuple(a.positional()) : new java.util.LinkedHashMap<>(a.keywords());
                return PyFormat.percent(state, str(state, value), args);
            }
            case "attr": {
                String attribute = str(state, a.check(name, "name").require(0, "name", name));
                if (value instanceof TemplateObject o) {
                    return attribute.startsWith("_") ? Undefined.unsafe(value, attribute)
                            : o.attribute(attribute).map(JavaValues::toPython).orElse(Undefined.of(value, attribute));
                }
                if (value instanceof Map && !Methods.has(state, value, attribute) && !Methods.isRefused(state, value, attribute)
                        && !attribute.startsWith("__")) {
                    return Undefined.of(value, attribute);
                }
                return Attributes.getattr(state, value, attribute);
            }
            default:
                return delegate(state, name, value, a);
        }
    }

    private static Object delegate(RenderState state, String name, Object value, Args a) {
        if (TextFilters.NAMES.contains(name)) {
            return TextFilters.apply(state, name, value, a);
        }
        if (HtmlFilters.NAMES.contains(name)) {
            return HtmlFilters.apply(state, name, value, a);
        }
        if (GroupFilters.NAMES.contains(name)) {
            return GroupFilters.apply(state, name, value, a);
        }
        return SeqFilters.apply(state, name, value, a);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    static String str(RenderState state, Object value) {
        return PyValues.str(state, value);
    }

    private static Object number(Object value) {
        if (!PyValues.isNumber(value)) {
            throw TemplateException.runtime("bad operand type for abs(): '" + PyValues.typeName(value) + "'");
        }
        return value;
    }

    static long asLong(Object v) {
        if (PyValues.isInt(v)) {
            return PyValues.toLong(v);
        }
        throw TemplateException.runtime("'" + PyValues.typeName(v) + "' object cannot be interpreted as an integer");
    }

    private static Object toInt(RenderState state, Object value, Args a) {
        Object fallback = a.get(0, "default", 0L);
        long base = asLong(a.get(1, "base", 10L));
        if (PyValues.isInt(value)) {
            return PyInts.normalize(PyInts.big(value));
        }
        if (value instanceof Double d) {
            return intOfFloat(d, fallback);
        }
        if (value instanceof String s) {
            String t = PyStrings.strip(s, null).replace("_", "");
            try {
                String digits = t;
                if (base == 16 || base == 8 || base == 2) {
                    String prefix = base == 16 ? "0x" : base == 8 ? "0o" : "0b";
                    String unsigned = digits.replaceFirst("^[+-]", "");
                    if (unsigned.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                        digits = digits.substring(0, digits.length() - unsigned.length()) + unsigned.substring(2);
                    }
                }
                return PyInts.normalize(new java.math.BigInteger(digits, (int) base));
            } catch (IllegalArgumentException e) {
                Object f = toFloat(state, value, null);
                return f instanceof Double d ? intOfFloat(d, fallback) : fallback;
            }
        }
        return fallback;
    }

    /** {@code int(float)}: NaN is a ValueError (the filter's default), infinity an OverflowError. */
    private static Object intOfFloat(double d, Object fallback) {
        if (Double.isNaN(d)) {
            return fallback;
        }
        if (Double.isInfinite(d)) {
            throw TemplateException.runtime("cannot convert float infinity to integer");
        }
        return PyInts.fromDouble(d);
    }

    private static Object toFloat(RenderState state, Object value, Object fallback) {
        if (PyValues.isNumber(value)) {
            return PyValues.toDouble(value);
        }
        if (value instanceof String s) {
            String t = PyStrings.strip(s, null).replace("_", "").toLowerCase(java.util.Locale.ROOT);
            if (t.matches("[+-]?(inf|infinity|nan)")) {
                return t.contains("n") && t.contains("a") ? Double.NaN : t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
                return Double.parseDouble(t);
            }
        }
        return fallback;
    }

    private static Object round(RenderState state, Object value, Args a) {
        long precision = asLong(a.get(0, "precision", 0L));
        String method = str(state, a.get(1, "method", "common"));
        if (!Set.of("common", "ceil", "floor").contains(method)) {
            throw TemplateException.runtime("method must be common, ceil or floor");
        }
        if (!PyValues.isNumber(value)) {
            throw TemplateException.runtime("type " + PyValues.typeName(value) + " doesn't define __round__ method");
        }
        if (method.equals("common")) {
            if (PyValues.isInt(value)) {
                java.math.BigInteger v = PyInts.big(value);
                if (precision >= 0) {
                    return PyInts.normalize(v);
                }
                return PyInts.normalize(new BigDecimal(v).setScale((int) Math.max(precision, -4000),
                        java.math.RoundingMode.HALF_EVEN).toBigInteger());
            }
            return PyFloats.round(PyValues.toDouble(value), precision);
        }
        double scale = Math.pow(10, precision);
        double scaled = PyValues.toDouble(value) * scale;
        return (method.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
    }

    /** Jinja's {@code indent} appends a newline to the value itself, so only strings work. */
    private static String indentable(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        if (value instanceof List) {
            throw TemplateException.runtime("'list' object has no attribute 'splitlines'");
        }
        if (value instanceof PyTuple) {
            throw TemplateException.runtime("can only concatenate tuple (not \"str\") to tuple");
        }
        throw TemplateException.runtime("unsupported operand type(s) for +=: '" + PyValues.typeName(value) + "' and 'str'");
    }

    private static String indent(RenderState state, String s, Args a) {
        Object width = a.get(0, "width", 4L);
        String indention = width instanceof String w ? w : " ".repeat((int) Math.max(0, Math.min(asLong(width), 10_000)));
        boolean first = PyValues.truthy(a.get(1, "first", false));
        boolean blank = PyValues.truthy(a.get(2, "blank", false));
        List<Object> lines = PyStrings.splitlines(s + "\n", false);
        BoundedText out = state.text();
        for (int i = 0; i < lines.size(); i++) {
            String line = (String) lines.get(i);
            if (i > 0) {
                out.append("\n");
                if (blank || !line.isEmpty()) {
                    out.append(indention);
                }
            }
            out.append(line);
        }
        return first ? indention + out : out.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
