package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whitelist of Python methods a template may call, and their dispatch: the {@code str}
 * methods (see {@link StrMethods}), {@code dict.items/keys/values/get/copy},
 * {@code list.index/count/copy}, {@code tuple.index/count}, the number attributes
 * ({@code real}, {@code imag}, {@code numerator}, {@code denominator}) and methods
 * ({@code bit_length}, {@code is_integer}, {@code conjugate}), and the mutating list and dict
 * methods ({@link Mutators}) — which exist in a {@code SandboxedEnvironment} but resolve to an
 * "unsafe" undefined value in an immutable one ({@link TemplateEnvironment#immutable()}, as
 * transformers' {@code ImmutableSandboxedEnvironment}).
 *
 * <pre>{@code
 * Methods.has(st, Map.of(), "get")                             // true
 * Methods.call(st, Map.of("a", 1L), "get", Args.of("a"))       // 1L
 * }</pre>
 */
final class Methods {
    private static final Set<String> DICT = Set.of("items", "keys", "values", "get", "copy");
    private static final Set<String> LIST = Set.of("index", "count", "copy");
    private static final Set<String> TUPLE = Set.of("index", "count");
    private static final Set<String> INT = Set.of("bit_length", "conjugate");
    private static final Set<String> FLOAT = Set.of("is_integer", "conjugate");

    private Methods() {
    }

    /** Whether {@code obj.name} is a method the template may call in {@code state}'s environment. */
    static boolean has(RenderState state, Object obj, String name) {
        if (obj instanceof String) {
            return StrMethods.NAMES.contains(name);
        }
        if (obj instanceof Map) {
            return DICT.contains(name) || (!state.environment().immutable() && Mutators.DICT.contains(name));
        }
        if (obj instanceof List) {
            return LIST.contains(name) || (!state.environment().immutable() && Mutators.LIST.contains(name));
        }
        if (obj instanceof PyTuple) {
            return TUPLE.contains(name);
        }
        if (obj instanceof Double) {
            return FLOAT.contains(name);
        }
        if (PyValues.isInt(obj)) {
            return INT.contains(name);
        }
        if (obj instanceof byte[]) {
            return name.equals("decode");
        }
        return false;
    }

    /** Whether {@code name} is a mutating method the immutable sandbox refuses on {@code obj}. */
    static boolean isRefused(RenderState state, Object obj, String name) {
        return state.environment().immutable() && ((obj instanceof List && Mutators.LIST.contains(name))
                || (obj instanceof Map && Mutators.DICT.contains(name)));
    }

    /** A number's data attribute ({@code real}, {@code imag}, {@code numerator}, {@code denominator}), else null. */
    static Object numberAttribute(Object obj, String name) {
        if (obj instanceof Double d) {
            return name.equals("real") ? d : name.equals("imag") ? (Object) 0.0 : null;
        }
        if (PyValues.isInt(obj)) {
            Object v = PyInts.normalize(PyInts.big(obj));
            return switch (name) {
                case "real", "numerator" -> v;
                case "imag" -> 0L;
                case "denominator" -> 1L;
                default -> null;
            };
        }
        return null;
    }

    /** A dict's {@code (key, value)} pairs as a list. */
    static List<Object> items(Map<?, ?> map) {
        List<Object> out = new ArrayList<>(map.size());
        map.forEach((k, v) -> out.add(PyTuple.of(k, v)));
        return out;
    }

    static Object call(RenderState state, Object self, String name, Args args) {
        if (self instanceof String s) {
            state.work(s.length());
            return StrMethods.call(state, s, name, args);
        }
        if (self instanceof Map<?, ?> map) {
            return Mutators.DICT.contains(name) ? Mutators.dict(state, map, name, args) : dict(state, map, name, args);
        }
        if (self instanceof LoopContext loop) {
            return loop.call(state, name, args);
        }
        if (self instanceof PyObject o) {
            return o.callMethod(state, name, args);
        }
        if (self instanceof PyRange r) {
            return r.call(name, args);
        }
        if (PyValues.isNumber(self)) {
            return number(self, name, args);
        }
        if (self instanceof byte[] bytes) {
            Signatures.keywords(args, "decode", "encoding", "errors");
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (self instanceof List && Mutators.LIST.contains(name)) {
            return Mutators.list(state, self, name, args);
        }
        String type = PyValues.typeName(self);
        List<?> items = self instanceof PyTuple t ? t.items() : (List<?>) self;
        state.work(items.size());
        switch (name) {
            case "copy":
                Signatures.noArgs(args, type, name);
                return new ArrayList<>(items);
            case "count": {
                Object value = Signatures.one(args, type, name).positional().get(0);
                return items.stream().filter(x -> PyValues.eq(x, value)).count();
            }
            case "index": {
                Signatures.positional(args, type, name, 1, 3);
                Object value = args.positional().get(0);
                List<Integer> range = Attributes.indices(items.size(),
                        new Attributes.Slice(args.get(1, null, null), args.get(2, null, null), null));
                for (int i : range) {
                    if (PyValues.eq(items.get(i), value)) {
                        return (long) i;
                    }
                }
                throw TemplateException.runtime(self instanceof PyTuple ? "tuple.index(x): x not in tuple"
                        : PyValues.repr(value) + " is not in list");
            }
            default:
                throw TemplateException.runtime("'" + type + "' object has no attribute '" + name + "'");
        }
    }

    private static Object number(Object self, String name, Args args) {
        String type = PyValues.typeName(self);
        Signatures.noArgs(args, type, name);
        switch (name) {
            case "bit_length":
                return (long) PyInts.big(self).abs().bitLength();
            case "is_integer": {
                double d = (Double) self;
                return Double.isFinite(d) && d == Math.rint(d);
            }
            default:
                return self instanceof Double ? self : PyInts.normalize(PyInts.big(self));
        }
    }

    private static Object dict(RenderState state, Map<?, ?> map, String name, Args args) {
        state.work(map.size());
        switch (name) {
            case "items":
                Signatures.noArgs(args, "dict", name);
                return new DictView("dict_items", items(map));
            case "keys":
                Signatures.noArgs(args, "dict", name);
                return new DictView("dict_keys", new ArrayList<>(map.keySet()));
            case "values":
                Signatures.noArgs(args, "dict", name);
                return new DictView("dict_values", new ArrayList<>(map.values()));
            case "copy":
                Signatures.noArgs(args, "dict", name);
                return new java.util.LinkedHashMap<>(map);
            case "get": {
                Signatures.positional(args, "dict", name, 1, 2);
                Object key = args.positional().get(0);
                Mutators.requireHashable(key);
                Object found = Mutators.lookup(map, key);
                return found != Mutators.MISSING ? found : args.get(1, null, null);
            }
            default:
                throw TemplateException.runtime("'dict' object has no attribute '" + name + "'");
        }
    }
}
