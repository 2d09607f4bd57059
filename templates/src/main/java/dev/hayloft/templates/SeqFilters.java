package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Jinja2's filters over sequences: {@code first}, {@code last}, {@code list}, {@code join},
 * {@code unique}, {@code sort}, {@code reverse}, {@code map}, {@code select}/{@code reject},
 * {@code selectattr}/{@code rejectattr}, {@code sum}, {@code min}, {@code max},
 * {@code dictsort}, {@code batch}. Attribute arguments accept Jinja's dotted paths
 * ({@code "function.name"}, {@code "0"}); string comparisons ignore case unless
 * {@code case_sensitive=true}, as in Jinja2. Where Jinja2 returns a generator, these return a list.
 *
 * <pre>{@code
 * {{ tools | map(attribute='function.name') | join(', ') }}
 * {{ messages | selectattr('role', 'equalto', 'user') | list | length }}
 * }</pre>
 */
final class SeqFilters {
    private SeqFilters() {
    }

    static Object apply(RenderState state, String name, Object value, Args a) {
        switch (name) {
            case "first": {
                a.check(name);
                List<Object> items = PyValues.iterate(state, value);
                return items.isEmpty() ? Undefined.hint("No first item, sequence was empty.") : items.get(0);
            }
            case "last": {
                a.check(name);
                if (value instanceof PyIterator it) {
                    throw TemplateException.runtime("'" + it.typeName() + "' object is not reversible");
                }
                List<Object> items = PyValues.iterate(state, value);
                return items.isEmpty() ? Undefined.hint("No last item, sequence was empty.") : items.get(items.size() - 1);
            }
            case "list":
                a.check(name);
                return PyValues.iterate(state, value);
            case "join": {
                a.check(name, "d", "attribute");
                List<Object> items = attributeMap(state, PyValues.iterate(state, value), a.get(1, "attribute", null), null);
                String separator = Filters.str(state, a.get(0, "d", ""));
                BoundedText out = state.text();
                for (int i = 0; i < items.size(); i++) {
                    out.append(i == 0 ? "" : separator).append(Filters.str(state, items.get(i)));
                }
                return out.toString();
            }
            case "unique": {
                a.check(name, "case_sensitive", "attribute");
                Function<Object, Object> key = keyFunction(state, a.get(1, "attribute", null), a.get(0, "case_sensitive", false));
                return PyIterator.generator("sync_do_unique", () -> {
                    List<Object> seen = new ArrayList<>();
                    List<Object> out = new ArrayList<>();
                    for (Object item : PyValues.iterate(state, value)) {
                        Object k = key.apply(item);
                        if (seen.stream().noneMatch(s -> PyValues.eq(s, k))) {
                            seen.add(k);
                            out.add(item);
                        }
                    }
                    return out;
                });
            }
            case "sort": {
                a.check(name, "reverse", "case_sensitive", "attribute");
                return sorted(state, PyValues.iterate(state, value), a.get(2, "attribute", null),
                        a.get(1, "case_sensitive", false), PyValues.truthy(a.get(0, "reverse", false)));
            }
            case "reverse": {
                a.check(name);
                if (value instanceof String s) {
                    return new StringBuilder(s).reverse().toString();
                }
                String type = value instanceof List ? "list_reverseiterator" : value instanceof Map ? "dict_reversekeyiterator"
                        : value instanceof PyTuple || value instanceof Undefined ? "reversed"
                        : value instanceof DictView view ? view.reversedTypeName()
                        : value instanceof PyRange ? "range_iterator" : null;
                if (!PyValues.isIterable(value)) {
                    throw TemplateException.runtime("argument must be iterable");
                }
                List<Object> items = PyValues.iterate(state, value);
                Collections.reverse(items);
                return type == null ? items : new PyIterator(type, null, () -> items);
            }
            case "map":
                return PyIterator.generator("sync_do_map", () -> PyValues.truthy(value)
                        ? map(state, PyValues.iterate(state, value), a) : new ArrayList<>());
            case "select":
            case "reject":
            case "selectattr":
            case "rejectattr":
                return PyIterator.generator("select_or_reject", () -> PyValues.truthy(value)
                        ? select(state, PyValues.iterate(state, value), a, name.startsWith("select"), name.endsWith("attr"))
                        : new ArrayList<>());
            case "sum": {
                a.check(name, "attribute", "start");
                Object total = a.get(1, "start", 0L);
                for (Object item : attributeMap(state, PyValues.iterate(state, value), a.get(0, "attribute", null), null)) {
                    total = PyOps.binary(state, "+", total, item);
                }
                return total;
            }
            case "min":
            case "max": {
                a.check(name, "case_sensitive", "attribute");
                List<Object> items = PyValues.iterate(state, value);
                if (items.isEmpty()) {
                    return Undefined.hint("No " + (name.equals("min") ? "smallest" : "largest") + " item, sequence was empty.");
                }
                Function<Object, Object> key = keyFunction(state, a.get(1, "attribute", null), a.get(0, "case_sensitive", false));
                String op = name.equals("min") ? "<" : ">";
                Object best = items.get(0);
                Object bestKey = key.apply(best);
                for (Object item : items.subList(1, items.size())) {
                    Object k = key.apply(item);
                    if (PyOps.compare(state, op, k, bestKey)) {
                        best = item;
                        bestKey = k;
                    }
                }
                return best;
            }
            case "dictsort":
                return dictsort(state, value, a.check(name, "case_sensitive", "by", "reverse"));
            case "batch":
                a.check(name, "linecount", "fill_with");
                return PyIterator.generator("sync_do_batch", () -> batch(state, value, a));
            default:
                throw TemplateException.runtime("No filter named '" + name + "' found.");
        }
    }

    /** Jinja's attribute getter: a dotted path of keys/attributes, integer parts as indices. */
    static Object attribute(RenderState state, Object item, Object path, Object fallback) {
        Object v = item;
        List<Object> parts = new ArrayList<>();
        if (path instanceof String p) {
            for (String part : p.split("\\.", -1)) {
                parts.add(!part.isEmpty() && part.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(part) : part);
            }
        } else if (path != null) {
            parts.add(path);
        }
        for (Object key : parts) {
            v = Attributes.getitem(state, v, key);
            if (fallback != null && v instanceof Undefined) {
                v = fallback;
            }
        }
        return v;
    }

    private static List<Object> attributeMap(RenderState state, List<Object> items, Object attribute, Object fallback) {
        if (attribute == null) {
            return items;
        }
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(attribute(state, item, attribute, fallback));
        }
        return out;
    }

    private static Function<Object, Object> keyFunction(RenderState state, Object attribute, Object caseSensitive) {
        boolean ignoreCase = !PyValues.truthy(caseSensitive);
        return item -> {
            Object v = attribute == null ? item : attribute(state, item, attribute, null);
            return ignoreCase && v instanceof String s ? PyStrings.lower(s) : v;
        };
    }

    private static List<Object> sorted(RenderState state, List<Object> items, Object attribute, Object caseSensitive,
                                       boolean reverse) {
        List<Function<Object, Object>> keys = new ArrayList<>();
        if (attribute instanceof String path && path.contains(",")) {
            for (String part : path.split(",")) {
                keys.add(keyFunction(state, part.strip(), caseSensitive));
            }
        } else {
            keys.add(keyFunction(state, attribute, caseSensitive));
        }
        Comparator<Object> order = (x, y) -> {
            for (Function<Object, Object> key : keys) {
                Object kx = key.apply(x);
                Object ky = key.apply(y);
                int c = PyValues.eq(kx, ky) ? 0 : PyValues.compare(kx, ky, "<");
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        List<Object> out = new ArrayList<>(items);
        state.work((long) out.size() * Math.max(1, 32 - Integer.numberOfLeadingZeros(out.size() + 1)));
        out.sort(reverse ? order.reversed() : order);
        return out;
    }

    private static List<Object> map(RenderState state, List<Object> items, Args a) {
        if (a.positionalCount() == 0 && a.keywords().containsKey("attribute")) {
            for (String key : a.keywords().keySet()) {
                if (!key.equals("attribute") && !key.equals("default")) {
                    throw TemplateException.runtime("Unexpected keyword argument '" + key + "'");
                }
            }
            return attributeMap(state, items, a.keywords().get("attribute"), a.keywords().get("default"));
        }
        if (a.positionalCount() == 0) {
            throw TemplateException.runtime("map requires a filter argument");
        }
        String filter = PyValues.str(state, a.positional().get(0));
        if (!Filters.NAMES.contains(filter) && !state.environment().filters().containsKey(filter)) {
            throw TemplateException.runtime("No filter named '" + filter + "'.");
        }
        Args rest = a.drop(1);
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(Filters.apply(state, filter, item, rest));
        }
        return out;
    }

    private static List<Object> select(RenderState state, List<Object> items, Args a, boolean keep, boolean byAttribute) {
        int offset = byAttribute ? 1 : 0;
        Object attribute = byAttribute ? a.require(0, "attribute", keep ? "selectattr" : "rejectattr") : null;
        Predicate<Object> test;
        if (a.positionalCount() > offset) {
            String name = PyValues.str(state, a.positional().get(offset));
            if (!JinjaTests.NAMES.contains(name)) {
                throw TemplateException.runtime("No test named '" + name + "'.");
            }
            Args rest = a.drop(offset + 1);
            test = v -> JinjaTests.apply(state, name, v, rest);
        } else {
            test = PyValues::truthy;
        }
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            Object v = byAttribute ? attribute(state, item, attribute, null) : item;
            if (test.test(v) == keep) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object dictsort(RenderState state, Object value, Args a) {
        Object by = a.get(1, "by", "key");
        if (!"key".equals(by) && !"value".equals(by)) {
            throw TemplateException.runtime("You can only sort by either \"key\" or \"value\"");
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw TemplateException.runtime("'" + PyValues.typeName(value) + "' object has no attribute 'items'");
        }
        List<Object> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(PyTuple.of(k, v)));
        return sorted(state, pairs, by.equals("key") ? "0" : "1", a.get(0, "case_sensitive", false),
                PyValues.truthy(a.get(2, "reverse", false)));
    }

    /** Jinja2's {@code do_batch}: a new batch starts when the current one holds {@code linecount} items. */
    private static List<Object> batch(RenderState state, Object value, Args a) {
        Object size = a.get(0, "linecount", null);
        Object fill = a.get(1, "fill_with", null);
        List<Object> out = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        for (Object item : PyValues.iterate(state, value)) {
            if (PyValues.eq((long) current.size(), size)) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(item);
        }
        if (!current.isEmpty()) {
            if (fill != null && PyOps.compare(state, "<", (long) current.size(), size)) {
                long missing = PyValues.toLong(PyOps.binary(state, "-", size, (long) current.size()));
                state.checkSize(missing);
                for (long i = 0; i < missing; i++) {
                    current.add(fill);
                }
            }
            out.add(current);
        }
        return out;
    }
}
