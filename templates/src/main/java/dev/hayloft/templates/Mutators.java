package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutating methods of lists ({@code append}, {@code extend}, {@code insert}, {@code pop},
 * {@code remove}, {@code reverse}, {@code sort}, {@code clear}) and dicts ({@code update},
 * {@code setdefault}, {@code pop}, {@code popitem}, {@code clear}), which Jinja2's
 * {@code SandboxedEnvironment} lets templates call and its {@code ImmutableSandboxedEnvironment}
 * refuses. They change the render's own copy of a value only: the caller's context is copied
 * before rendering.
 *
 * <pre>{@code
 * {% set _ = ns.names.append(tool.name) %}     {# haystack(); an error under transformers() #}
 * {% set _ = options.update({'temperature': 0}) %}
 * }</pre>
 */
final class Mutators {
    static final Set<String> LIST = Set.of("append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear");
    static final Set<String> DICT = Set.of("update", "setdefault", "pop", "popitem", "clear");
    /** {@link #lookup}'s answer for a missing key. */
    static final Object MISSING = new Object();

    private Mutators() {
    }

    @SuppressWarnings("unchecked")
    static Object list(RenderState state, Object self, String name, Args args) {
        List<Object> list = (List<Object>) self;
        state.work(list.size());
        switch (name) {
            case "append":
                state.checkSize(list.size() + 1L);
                list.add(Signatures.one(args, "list", name).positional().get(0));
                return null;
            case "extend": {
                List<Object> more = PyValues.iterate(state, Signatures.one(args, "list", name).positional().get(0));
                state.checkSize((long) list.size() + more.size());
                list.addAll(more);
                return null;
            }
            case "insert": {
                Signatures.positional(args, "list", name, 2, 2);
                long at = Filters.asLong(args.positional().get(0));
                long n = list.size();
                long i = at < 0 ? Math.max(0, at + n) : Math.min(at, n);
                state.checkSize(n + 1);
                list.add((int) i, args.positional().get(1));
                return null;
            }
            case "pop": {
                Signatures.positional(args, "list", name, 0, 1);
                if (list.isEmpty()) {
                    throw TemplateException.runtime("pop from empty list");
                }
                long at = args.positionalCount() == 0 ? -1 : Filters.asLong(args.positional().get(0));
                long i = at < 0 ? at + list.size() : at;
                if (i < 0 || i >= list.size()) {
                    throw TemplateException.runtime("pop index out of range");
                }
                return list.remove((int) i);
            }
            case "remove": {
                Object value = Signatures.one(args, "list", name).positional().get(0);
                for (int i = 0; i < list.size(); i++) {
                    if (PyValues.eq(list.get(i), value)) {
                        list.remove(i);
                        return null;
                    }
                }
                throw TemplateException.runtime("list.remove(x): x not in list");
            }
            case "reverse":
                Signatures.noArgs(args, "list", name);
                java.util.Collections.reverse(list);
                return null;
            case "clear":
                Signatures.noArgs(args, "list", name);
                list.clear();
                return null;
            default:
                return sort(state, list, args);
        }
    }

    private static Object sort(RenderState state, List<Object> list, Args args) {
        if (args.positionalCount() > 0) {
            throw TemplateException.runtime("sort() takes no positional arguments");
        }
        Signatures.keywords(args, "sort", "key", "reverse");
        Object key = args.keywords().get("key");
        boolean reverse = PyValues.truthy(args.keywords().getOrDefault("reverse", false));
        List<Object> keys = new ArrayList<>(list.size());
        for (Object item : list) {
            if (key == null) {
                keys.add(item);
            } else if (key instanceof PyCallable fn) {
                keys.add(fn.call(state, Args.of(item)));
            } else {
                throw TemplateException.runtime("'" + PyValues.typeName(key) + "' object is not callable");
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            order.add(i);
        }
        state.work((long) list.size() * Math.max(1, 32 - Integer.numberOfLeadingZeros(list.size() + 1)));
        java.util.Comparator<Integer> byKey = (x, y) -> {
            Object kx = keys.get(x);
            Object ky = keys.get(y);
            return PyValues.eq(kx, ky) ? 0 : PyValues.compare(kx, ky, "<");
        };
        order.sort(reverse ? byKey.reversed() : byKey);
        List<Object> sorted = new ArrayList<>(list.size());
        order.forEach(i -> sorted.add(list.get(i)));
        list.clear();
        list.addAll(sorted);
        return null;
    }

    @SuppressWarnings("unchecked")
    static Object dict(RenderState state, Map<?, ?> self, String name, Args args) {
        Map<Object, Object> map = (Map<Object, Object>) self;
        state.work(map.size());
        switch (name) {
            case "update": {
                if (args.positionalCount() > 1) {
                    throw TemplateException.runtime("update expected at most 1 argument, got " + args.positionalCount());
                }
                if (args.positionalCount() == 1) {
                    Object source = args.positional().get(0);
                    if (source instanceof Map<?, ?> other) {
                        other.forEach((k, v) -> put(map, k, v));
                    } else {
                        int i = 0;
                        for (Object pair : PyValues.iterate(state, source)) {
                            List<Object> kv = pair(state, pair, i++);
                            put(map, kv.get(0), kv.get(1));
                        }
                    }
                }
                args.keywords().forEach((k, v) -> put(map, k, v));
                state.checkSize(map.size());
                return null;
            }
            case "setdefault": {
                Signatures.positional(args, "dict", name, 1, 2);
                Object key = args.positional().get(0);
                requireHashable(key);
                Object found = lookup(map, key);
                if (found != MISSING) {
                    return found;
                }
                Object value = args.get(1, null, null);
                map.put(key, value);
                return value;
            }
            case "pop": {
                Signatures.positional(args, "dict", name, 1, 2);
                Object key = args.positional().get(0);
                requireHashable(key);
                Object existing = existingKey(map, key);
                if (existing == MISSING) {
                    if (args.positionalCount() == 2) {
                        return args.positional().get(1);
                    }
                    throw TemplateException.runtime(PyValues.repr(key));
                }
                return map.remove(existing);
            }
            case "popitem": {
                Signatures.noArgs(args, "dict", name);
                if (map.isEmpty()) {
                    throw TemplateException.runtime("'popitem(): dictionary is empty'");
                }
                Object last = null;
                for (Iterator<Object> it = map.keySet().iterator(); it.hasNext(); ) {
                    last = it.next();
                }
                Object value = map.remove(last);
                return PyTuple.of(last, value);
            }
            default:
                Signatures.noArgs(args, "dict", name);
                map.clear();
                return null;
        }
    }

    private static List<Object> pair(RenderState state, Object pair, int index) {
        if (!PyValues.isIterable(pair)) {
            throw TemplateException.runtime("cannot convert dictionary update sequence element #" + index + " to a sequence");
        }
        List<Object> kv = PyValues.iterate(state, pair);
        if (kv.size() != 2) {
            throw TemplateException.runtime("dictionary update sequence element #" + index + " has length " + kv.size()
                    + "; 2 is required");
        }
        return kv;
    }

    /** {@code dict(...)}'s pairs: a mapping's items or an iterable of 2-item iterables. */
    static void addPairs(RenderState state, Map<Object, Object> out, Object source) {
        if (source instanceof Map<?, ?> m) {
            m.forEach((k, v) -> put(out, k, v));
            return;
        }
        int i = 0;
        for (Object pair : PyValues.iterate(state, source)) {
            List<Object> kv = pair(state, pair, i++);
            put(out, kv.get(0), kv.get(1));
        }
    }

    static void requireHashable(Object key) {
        if (key instanceof List || key instanceof Map || key instanceof Namespace || key instanceof DictView) {
            throw TemplateException.runtime("unhashable type: '" + PyValues.typeName(key) + "'");
        }
    }

    /** {@code d[key] = value}, keeping an equal existing key ({@code 1} for {@code 1.0}). */
    static void put(Map<Object, Object> map, Object key, Object value) {
        requireHashable(key);
        Object existing = existingKey(map, key);
        map.put(existing == MISSING ? key : existing, value);
    }

    /** The key of {@code map} equal to {@code key} in Python's sense, or {@link #MISSING}. */
    static Object existingKey(Map<?, ?> map, Object key) {
        if (map.containsKey(key)) {
            return key;
        }
        if (PyValues.isNumber(key)) {
            for (Object k : map.keySet()) {
                if (PyValues.isNumber(k) && PyValues.eq(k, key)) {
                    return k;
                }
            }
        }
        return MISSING;
    }

    /** {@code d[key]} when present, else {@link #MISSING}. */
    static Object lookup(Map<?, ?> map, Object key) {
        Object existing = existingKey(map, key);
        return existing == MISSING ? MISSING : map.get(existing);
    }
}
