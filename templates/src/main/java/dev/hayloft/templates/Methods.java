package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whitelist of Python methods a template may call, and their dispatch: the {@code str}
 * methods (see {@link StrMethods}), {@code dict.items/keys/values/get/copy},
 * {@code list.index/count/copy} plus {@code list.append} (which transformers' immutable sandbox
 * refuses but some templates written for other engines use), {@code tuple.index/count}.
 *
 * <pre>{@code
 * Methods.has(Map.of(), "get")                                 // true
 * Methods.call(st, Map.of("a", 1L), "get", Args.of("a"))       // 1L
 * }</pre>
 */
final class Methods {
    private static final Set<String> DICT = Set.of("items", "keys", "values", "get", "copy");
    private static final Set<String> LIST = Set.of("append", "index", "count", "copy");
    private static final Set<String> TUPLE = Set.of("index", "count");
    /** Mutating methods transformers' immutable sandbox refuses (they resolve to an "unsafe" undefined). */
    private static final Set<String> LIST_MUTATORS = Set.of("pop", "insert", "extend", "remove", "reverse", "sort", "clear");
    private static final Set<String> DICT_MUTATORS = Set.of("pop", "popitem", "setdefault", "update", "clear");

    private Methods() {
    }

    static boolean has(Object obj, String name) {
        if (obj instanceof String) {
            return StrMethods.NAMES.contains(name);
        }
        if (obj instanceof Map) {
            return DICT.contains(name);
        }
        if (obj instanceof List) {
            return LIST.contains(name);
        }
        if (obj instanceof PyTuple) {
            return TUPLE.contains(name);
        }
        return false;
    }

    /** Whether {@code name} is a mutating method the sandbox refuses on {@code obj}. */
    static boolean isRefused(Object obj, String name) {
        return (obj instanceof List && LIST_MUTATORS.contains(name)) || (obj instanceof Map && DICT_MUTATORS.contains(name));
    }

    static Object call(RenderState state, Object self, String name, Args args) {
        if (self instanceof String s) {
            state.work(s.length());
            return StrMethods.call(state, s, name, args);
        }
        if (self instanceof Map<?, ?> map) {
            return dict(state, map, name, args);
        }
        if (self instanceof LoopContext loop) {
            return loop.call(state, name, args);
        }
        List<?> items = self instanceof PyTuple t ? t.items() : (List<?>) self;
        state.work(items.size());
        switch (name) {
            case "append": {
                args.check("append", "object");
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) self;
                state.checkSize(list.size() + 1L);
                list.add(args.require(0, "object", "append"));
                return null;
            }
            case "copy":
                args.check("copy");
                return new ArrayList<>(items);
            case "count": {
                args.check("count", "value");
                Object value = args.require(0, "value", "count");
                return items.stream().filter(x -> PyValues.eq(x, value)).count();
            }
            case "index": {
                args.check("index", "value", "start", "stop");
                Object value = args.require(0, "value", "index");
                List<Integer> range = Attributes.indices(items.size(),
                        new Attributes.Slice(args.get(1, "start", null), args.get(2, "stop", null), null));
                for (int i : range) {
                    if (PyValues.eq(items.get(i), value)) {
                        return (long) i;
                    }
                }
                throw TemplateException.runtime(PyValues.repr(value) + " is not in " + PyValues.typeName(self));
            }
            default:
                throw TemplateException.runtime("'" + PyValues.typeName(self) + "' object has no attribute '" + name + "'");
        }
    }

    private static Object dict(RenderState state, Map<?, ?> map, String name, Args args) {
        state.work(map.size());
        switch (name) {
            case "items": {
                args.check("items");
                List<Object> out = new ArrayList<>(map.size());
                map.forEach((k, v) -> out.add(PyTuple.of(k, v)));
                return out;
            }
            case "keys":
                args.check("keys");
                return new ArrayList<>(map.keySet());
            case "values":
                args.check("values");
                return new ArrayList<>(map.values());
            case "copy":
                args.check("copy");
                return new java.util.LinkedHashMap<>(map);
            case "get": {
                if (!args.keywords().isEmpty()) {
                    throw TemplateException.runtime("get() takes no keyword arguments");
                }
                args.check("get", "key", "default");
                Object key = args.require(0, "key", "get");
                Object found = Attributes.getitem(state, map, key);
                boolean present = map.containsKey(key) || !(found instanceof Undefined || found instanceof PyCallable);
                return present ? found : args.get(1, "default", null);
            }
            default:
                throw TemplateException.runtime("'dict' object has no attribute '" + name + "'");
        }
    }
}
