package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sandboxed {@code obj.name} and {@code obj[key]} of Jinja2: dot access looks for a
 * whitelisted Python method first and then a dict key; subscription looks for the key or index
 * first and then a method. Nothing reaches Java reflection: an unknown name gives
 * {@link Undefined}, and dunder names such as {@code __class__} give the sandbox's "unsafe"
 * undefined value.
 *
 * <pre>{@code
 * Attributes.getattr(st, Map.of("role", "user"), "role")   // "user"
 * Attributes.getattr(st, "abc", "upper")                   // a bound method
 * Attributes.getitem(st, List.of(1L, 2L), -1L)             // 2L
 * }</pre>
 */
final class Attributes {
    private Attributes() {
    }

    /**
     * A slice {@code [start:stop:step]}; each part is {@code null} when omitted.
     *
     * @param start first index
     * @param stop  end index (exclusive)
     * @param step  stride
     */
    record Slice(Object start, Object stop, Object step) {
    }

    /** The attributes a Python {@code Undefined} instance has (the sandbox refuses them; any other name raises). */
    private static final java.util.Set<String> UNDEFINED_ATTRIBUTES = java.util.Set.of("__class__", "__doc__",
            "__init__", "__new__", "__str__", "__repr__", "__eq__", "__ne__", "__hash__", "__len__", "__iter__",
            "__aiter__", "__bool__", "__call__", "__getattr__", "__getitem__", "__getattribute__", "__setattr__",
            "__delattr__", "__module__", "__slots__", "__format__", "__reduce__", "__reduce_ex__", "__sizeof__",
            "__dir__", "__subclasshook__", "__init_subclass__", "__lt__", "__le__", "__gt__", "__ge__", "__add__",
            "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__div__", "__rdiv__", "__truediv__",
            "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__pos__", "__neg__", "__pow__",
            "__rpow__", "__int__", "__float__", "__complex__", "__contains__");

    private static boolean dunder(String name) {
        return name.startsWith("__");
    }

    /** {@code obj.name}. */
    static Object getattr(RenderState state, Object obj, String name) {
        if (obj instanceof Undefined u) {
            if (UNDEFINED_ATTRIBUTES.contains(name)) {
                return Undefined.unsafe(obj, name);
            }
            throw u.error();
        }
        if (obj instanceof Namespace ns) {
            return dunder(name) ? Undefined.unsafe(obj, name) : ns.get(name);
        }
        if (obj instanceof LoopContext loop) {
            return loop.attribute(name);
        }
        if (obj instanceof TemplateObject o) {
            if (dunder(name)) {
                return Undefined.unsafe(obj, name);
            }
            java.util.Optional<Object> a = o.attribute(name);
            if (a.isEmpty()) {
                a = o.item(name);
            }
            return a.isPresent() ? JavaValues.toPython(a.get()) : Undefined.of(obj, name);
        }
        if (obj instanceof PyTuple t && t.hasField(name)) {
            return t.field(name);
        }
        if (obj instanceof PyRange r && r.attribute(name) != null) {
            return r.attribute(name);
        }
        if (obj instanceof PyObject o) {
            return dunder(name) || name.startsWith("_") ? Undefined.unsafe(obj, name) : o.attribute(name);
        }
        if (Methods.has(state, obj, name)) {
            return new PyCallable.BoundMethod(obj, name);
        }
        Object number = Methods.numberAttribute(obj, name);
        if (number != null) {
            return number;
        }
        if ((dunder(name) && obj != null) || Methods.isRefused(state, obj, name)) {
            return Undefined.unsafe(obj, name);
        }
        if (obj instanceof Map<?, ?> map && map.containsKey(name)) {
            return map.get(name);
        }
        return Undefined.of(obj, name);
    }

    /** {@code obj[key]} (a {@link Slice} key slices). */
    static Object getitem(RenderState state, Object obj, Object key) {
        if (obj instanceof Undefined u) {
            throw u.error();
        }
        if (key instanceof Slice slice) {
            return slice(state, obj, slice);
        }
        if (obj instanceof TemplateObject o) {
            java.util.Optional<Object> item = o.item(Extensions.export(key));
            if (item.isEmpty() && key instanceof String name && !dunder(name)) {
                item = o.attribute(name);
            }
            return item.isPresent() ? JavaValues.toPython(item.get()) : Undefined.of(obj, key);
        }
        if (obj instanceof Map<?, ?> map) {
            if (map.containsKey(key)) {
                return map.get(key);
            }
            if (!(key instanceof String) && key != null) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (PyValues.isNumber(e.getKey()) && PyValues.eq(e.getKey(), key)) {
                        return e.getValue();
                    }
                }
            }
        } else if (obj instanceof PyRange r && PyValues.isInt(key)) {
            long n = r.length();
            long i = key instanceof java.math.BigInteger ? Long.MAX_VALUE : PyValues.toLong(key);
            long at = i < 0 ? i + n : i;
            return at < 0 || at >= n ? Undefined.of(obj, key) : (Object) r.get(at);
        } else if ((obj instanceof List || obj instanceof PyTuple || obj instanceof String) && PyValues.isInt(key)) {
            if (key instanceof java.math.BigInteger) {
                return Undefined.of(obj, key);
            }
            long n = PyValues.len(obj);
            long i = PyValues.toLong(key);
            long at = i < 0 ? i + n : i;
            if (at < 0 || at >= n) {
                return Undefined.of(obj, key);
            }
            if (obj instanceof String s) {
                return PyStrings.charAt(s, (int) at);
            }
            return obj instanceof PyTuple t ? t.get((int) at) : ((List<?>) obj).get((int) at);
        } else if (obj instanceof Namespace ns && key instanceof String name) {
            return getattr(state, ns, name);
        } else if (obj instanceof LoopContext loop && key instanceof String name) {
            return loop.attribute(name);
        }
        if (key instanceof String name && obj != null) {
            if (obj instanceof PyTuple t && t.hasField(name)) {
                return t.field(name);
            }
            if (obj instanceof PyObject) {
                return getattr(state, obj, name);
            }
            if (Methods.has(state, obj, name)) {
                return new PyCallable.BoundMethod(obj, name);
            }
            Object number = Methods.numberAttribute(obj, name);
            if (number != null) {
                return number;
            }
            if (dunder(name) || Methods.isRefused(state, obj, name)) {
                return Undefined.unsafe(obj, name);
            }
        }
        return Undefined.of(obj, key);
    }

    /** Slicing, which Jinja2 compiles to plain Python subscription: failures raise instead of giving Undefined. */
    private static Object slice(RenderState state, Object obj, Slice slice) {
        if (obj instanceof PyRange r) {
            for (Object part : new Object[] {slice.start(), slice.stop(), slice.step()}) {
                if (part != null && !PyValues.isInt(part)) {
                    throw TemplateException.runtime("slice indices must be integers or None or have an __index__ method");
                }
            }
            return r.slice(slice);
        }
        if (obj instanceof Map) {
            throw TemplateException.runtime("unhashable type: 'slice'");
        }
        if (!(obj instanceof List || obj instanceof PyTuple || obj instanceof String)) {
            throw TemplateException.runtime("'" + PyValues.typeName(obj) + "' object is not subscriptable");
        }
        for (Object part : new Object[] {slice.start(), slice.stop(), slice.step()}) {
            if (part != null && !PyValues.isInt(part)) {
                throw TemplateException.runtime("slice indices must be integers or None or have an __index__ method");
            }
        }
        int n = (int) PyValues.len(obj);
        List<Integer> indices = indices(n, slice);
        state.work(indices.size());
        if (obj instanceof String s) {
            if (!PyStrings.hasSurrogates(s)) {
                StringBuilder sb = new StringBuilder(indices.size());
                indices.forEach(i -> sb.append(s.charAt(i)));
                return sb.toString();
            }
            int[] cps = s.codePoints().toArray();
            StringBuilder sb = new StringBuilder(indices.size());
            indices.forEach(i -> sb.appendCodePoint(cps[i]));
            return sb.toString();
        }
        List<?> items = obj instanceof PyTuple t ? t.items() : (List<?>) obj;
        List<Object> out = new ArrayList<>(indices.size());
        indices.forEach(i -> out.add(items.get(i)));
        return obj instanceof PyTuple ? new PyTuple(out) : out;
    }

    /** Python's {@code slice.indices(n)}: start, stop and step. */
    static long[] sliceBounds(long n, Slice slice) {
        long step = slice.step() == null ? 1 : PyInts.clamp(slice.step());
        if (step == 0) {
            throw TemplateException.runtime("slice step cannot be zero");
        }
        return new long[] {bound(slice.start(), (int) n, step, step < 0 ? n - 1 : 0),
            bound(slice.stop(), (int) n, step, step < 0 ? -1 : n), step};
    }

    /** The indices Python's {@code slice.indices(n)} visits. */
    static List<Integer> indices(int n, Slice slice) {
        long step = slice.step() == null ? 1 : PyInts.clamp(slice.step());
        if (step == 0) {
            throw TemplateException.runtime("slice step cannot be zero");
        }
        long start = bound(slice.start(), n, step, step < 0 ? n - 1 : 0);
        long stop = bound(slice.stop(), n, step, step < 0 ? -1 : n);
        List<Integer> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add((int) i);
        }
        return out;
    }

    private static long bound(Object value, int n, long step, long fallback) {
        if (value == null) {
            return fallback;
        }
        long v = PyInts.clamp(value);
        if (v < 0) {
            v += n;
            if (v < 0) {
                v = step < 0 ? -1 : 0;
            }
        } else if (v >= n) {
            v = step < 0 ? n - 1 : n;
        }
        return v;
    }
}
