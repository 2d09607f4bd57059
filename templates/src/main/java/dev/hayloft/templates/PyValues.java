package dev.hayloft.templates;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python value semantics for the interpreter's values: {@code null} (None), {@link Boolean},
 * {@link Long} (int), {@link Double} (float), {@link String}, {@link List} (list),
 * {@link PyTuple}, {@link Map} (dict, insertion ordered), {@link Namespace}, {@link Undefined},
 * {@link LoopContext}, {@link PyIterator} and {@link PyCallable}. Truthiness, {@code str()}/{@code repr()},
 * {@code ==}, ordering, iteration and {@code len()} all follow Python.
 *
 * <pre>{@code
 * PyValues.str(state, List.of(1L, "a", true))   // "[1, 'a', True]"
 * PyValues.truthy("")                           // false
 * PyValues.eq(1L, 1.0)                          // true
 * }</pre>
 */
final class PyValues {
    /** How deep values may nest before comparing or printing them fails (Python's recursion limit). */
    static final int MAX_VALUE_DEPTH = 900;

    private PyValues() {
    }

    static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof TemplateObject o) {
            return o.truthy();
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof java.math.BigInteger b) {
            return b.signum() != 0;
        }
        if (v instanceof Double d) {
            return d != 0.0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof PyTuple t) {
            return t.size() > 0;
        }
        if (v instanceof DictView view) {
            return !view.items().isEmpty();
        }
        if (v instanceof PyComplex c) {
            return c.real() != 0 || c.imag() != 0;
        }
        if (v instanceof PyRange r) {
            return r.length() > 0;
        }
        return true;
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof java.math.BigInteger;
    }

    /** An int in Python's sense (bool and ints beyond 64 bits included). */
    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Boolean || v instanceof java.math.BigInteger;
    }

    /** An int as a {@code long}; an int beyond 64 bits raises Python's {@code OverflowError} (an index, a count). */
    static long toLong(Object v) {
        if (v instanceof java.math.BigInteger b) {
            throw TemplateException.runtime("Python int too large to convert to C ssize_t");
        }
        return v instanceof Boolean b ? (b ? 1 : 0) : (Long) v;
    }

    static double toDouble(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof java.math.BigInteger b) {
            return PyInts.toDouble(b);
        }
        return toLong(v);
    }

    /** Python's {@code type(v).__name__}. */
    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof TemplateObject o) {
            return o.typeName();
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof java.math.BigInteger) {
            return "int";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof Undefined) {
            return "Undefined";
        }
        if (v instanceof Namespace) {
            return "Namespace";
        }
        if (v instanceof LoopContext) {
            return "LoopContext";
        }
        if (v instanceof DictView view) {
            return view.typeName();
        }
        if (v instanceof PyComplex) {
            return "complex";
        }
        if (v instanceof PyRange) {
            return "range";
        }
        if (v instanceof PyObject o) {
            return o.typeName();
        }
        if (v instanceof PyIterator it) {
            return it.typeName();
        }
        if (v instanceof PyCallable.BoundMethod) {
            return "builtin_function_or_method";
        }
        if (v instanceof PyCallable) {
            return "function";
        }
        return "object";
    }

    /** Jinja2's {@code object_type_repr}: {@code 'dict object'}, {@code 'None'}... */
    static String objectTypeRepr(Object v) {
        if (v == null) {
            return "None";
        }
        String module = v instanceof Namespace ? "jinja2.utils." : v instanceof PyObject o ? o.module()
                : v instanceof LoopContext || v instanceof Undefined ? "jinja2.runtime." : "";
        return module + typeName(v) + " object";
    }

    /** Python's {@code str(v)}; Undefined gives the empty string. */
    static String str(RenderState state, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof TemplateObject o) {
            return o.str();
        }
        if (v instanceof Undefined) {
            return "";
        }
        BoundedText out = state.text();
        try {
            appendRepr(out, v, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        } catch (StackOverflowError e) { // a thread stack smaller than MAX_VALUE_DEPTH levels needs
            throw TemplateException.runtime("maximum recursion depth exceeded while getting the repr of an object");
        }
        return out.toString();
    }

    /** Python's {@code repr(v)} of a small value (messages, map keys). */
    static String repr(Object v) {
        BoundedText out = new RenderState(TemplateEnvironment.jinja2()).text();
        appendRepr(out, v, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        return out.toString();
    }

    static void appendRepr(BoundedText out, Object v, Set<Object> path, int depth) {
        if (depth > MAX_VALUE_DEPTH) {
            throw TemplateException.runtime("maximum recursion depth exceeded while getting the repr of an object");
        }
        if (v == null) {
            out.append("None");
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof Long || v instanceof Double) {
            out.append(v instanceof Double d ? PyFloats.repr(d) : v.toString());
        } else if (v instanceof byte[] || v instanceof java.math.BigInteger) {
            out.append(v instanceof byte[] ? PyStrings.bytesRepr((byte[]) v) : v.toString());
        } else if (v instanceof String s) {
            out.append(PyStrings.repr(s));
        } else if (v instanceof Undefined) {
            out.append("Undefined");
        } else if (v instanceof List<?> || v instanceof PyTuple || v instanceof Map<?, ?>) {
            appendContainer(out, v, path, depth);
        } else if (v instanceof Namespace ns) {
            out.append("<Namespace ");
            appendContainer(out, ns.attributes(), path, depth);
            out.append(">");
        } else if (v instanceof DictView view) {
            out.append(view.typeName()).append("(");
            appendContainer(out, view.items(), path, depth);
            out.append(")");
        } else if (v instanceof PyObject o) {
            out.append(o.repr());
        } else if (v instanceof PyComplex c) {
            out.append(c.repr());
        } else if (v instanceof PyRange r) {
            out.append(r.repr());
        } else if (v instanceof LoopContext loop) {
            out.append("<LoopContext " + loop.index() + "/" + loop.length() + ">");
        } else if (v instanceof PyIterator it) {
            out.append(it.toString());
        } else if (v instanceof TemplateObject o) {
            out.append(o.repr());
        } else if (v instanceof PyCallable.BoundMethod b) {
            out.append("<built-in method " + b.pyName() + " of " + typeName(b.self()) + " object>");
        } else if (v instanceof PyCallable c) {
            out.append("<function " + c.pyName() + ">");
        } else {
            out.append("<object>");
        }
    }

    private static void appendContainer(BoundedText out, Object v, Set<Object> path, int depth) {
        boolean tuple = v instanceof PyTuple;
        if (!path.add(v)) {
            out.append(v instanceof Map ? "{...}" : tuple ? "(...)" : "[...]");
            return;
        }
        try {
            if (v instanceof Map<?, ?> map) {
                out.append("{");
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    appendRepr(out, e.getKey(), path, depth + 1);
                    out.append(": ");
                    appendRepr(out, e.getValue(), path, depth + 1);
                }
                out.append("}");
                return;
            }
            List<?> items = tuple ? ((PyTuple) v).items() : (List<?>) v;
            out.append(tuple ? "(" : "[");
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                appendRepr(out, items.get(i), path, depth + 1);
            }
            out.append(tuple && items.size() == 1 ? ",)" : tuple ? ")" : "]");
        } finally {
            path.remove(v);
        }
    }

    /** Python's {@code a == b}; two Undefined values are equal to each other and to nothing else. */
    static boolean eq(Object a, Object b) {
        return eq(a, b, 0);
    }

    private static boolean eq(Object a, Object b, int depth) {
        if (depth > MAX_VALUE_DEPTH) {
            throw TemplateException.runtime("maximum recursion depth exceeded in comparison");
        }
        if (a == b) {
            return !(a instanceof Double d && d.isNaN());
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (isNumber(a) && isNumber(b)) {
            if ((a instanceof Double x && x.isNaN()) || (b instanceof Double y && y.isNaN())) {
                return false;
            }
            return PyInts.compare(a, b) == 0;
        }
        if (a instanceof String) {
            return a.equals(b);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return eqItems(la, lb, depth);
        }
        if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
            return eqItems(ta.items(), tb.items(), depth);
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean eqItems(List<?> a, List<?> b, int depth) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!eq(a.get(i), b.get(i), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Python ordering of two values (numbers, strings by code point, lists and tuples
     * lexicographically); a TypeError like Python's for anything else. NaN compares as equal.
     */
    static int compare(Object a, Object b, String op) {
        if (isNumber(a) && isNumber(b)) {
            return PyInts.compare(a, b);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if ((a instanceof List && b instanceof List) || (a instanceof PyTuple && b instanceof PyTuple)) {
            List<?> x = a instanceof PyTuple t ? t.items() : (List<?>) a;
            List<?> y = b instanceof PyTuple t ? t.items() : (List<?>) b;
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i), op);
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        throw TemplateException.runtime("'" + op + "' not supported between instances of '" + typeName(a)
                + "' and '" + typeName(b) + "'");
    }

    static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    /** The items a {@code for} loop visits: list and tuple items, dict keys, string code points. */
    static List<Object> iterate(RenderState state, Object v) {
        List<Object> items;
        if (v instanceof Undefined) {
            return new ArrayList<>();
        } else if (v instanceof List<?> l) {
            items = new ArrayList<>(l);
        } else if (v instanceof PyTuple t) {
            items = new ArrayList<>(t.items());
        } else if (v instanceof Map<?, ?> m) {
            items = new ArrayList<>(m.keySet());
        } else if (v instanceof String s) {
            items = PyStrings.chars(s);
        } else if (v instanceof PyIterator it) {
            items = it.drain();
        } else if (v instanceof DictView view) {
            items = new ArrayList<>(view.items());
        } else if (v instanceof PyRange r) {
            items = r.items();
        } else {
            throw TemplateException.runtime("'" + typeName(v) + "' object is not iterable");
        }
        state.work(items.size());
        return items;
    }

    static boolean isIterable(Object v) {
        return v instanceof Undefined || v instanceof List || v instanceof PyTuple || v instanceof Map
                || v instanceof String || v instanceof PyIterator || v instanceof DictView || v instanceof PyRange;
    }

    /** Python's {@code len(v)}. */
    static long len(Object v) {
        if (v instanceof String s) {
            return PyStrings.length(s);
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof PyTuple t) {
            return t.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v instanceof Undefined) {
            return 0;
        }
        if (v instanceof LoopContext loop) {
            return loop.length();
        }
        if (v instanceof DictView view) {
            return view.items().size();
        }
        if (v instanceof PyRange r) {
            return r.length();
        }
        throw TemplateException.runtime("object of type '" + typeName(v) + "' has no len()");
    }
}
