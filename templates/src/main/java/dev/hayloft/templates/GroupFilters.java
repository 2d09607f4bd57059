package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Jinja2's filters that regroup a sequence: {@code groupby} (sorted, then grouped into
 * {@code (grouper, list)} named tuples; attribute paths with dots and integer parts,
 * {@code default=}, case-insensitive unless {@code case_sensitive=true}, the grouper keeping the
 * case of the group's first item), {@code slice} (a generator of {@code n} columns, optionally
 * filled) and {@code random} (an item chosen with the render's random source, see
 * {@link TemplateEnvironment.Builder#randomSeed(Long)}).
 *
 * <pre>{@code
 * {% for city, people in users|groupby('address.city') %}{{ city }}: {{ people|length }}{% endfor %}
 * {% for g in users|groupby('city') %}{{ g.grouper }}={{ g.list|map(attribute='name')|join(',') }}{% endfor %}
 * {% for column in items|slice(3) %}<ul>{{ column|join }}</ul>{% endfor %}
 * }</pre>
 */
final class GroupFilters {
    static final Set<String> NAMES = Set.of("groupby", "slice", "random");
    private static final List<String> GROUP_FIELDS = List.of("grouper", "list");

    private GroupFilters() {
    }

    static Object apply(RenderState state, String name, Object value, Args a) {
        switch (name) {
            case "groupby":
                return groupby(state, value, a.check(name, "attribute", "default", "case_sensitive"));
            case "slice": {
                a.check(name, "slices", "fill_with");
                Object slices = a.require(0, "slices", name);
                Object fill = a.get(1, "fill_with", null);
                return PyIterator.generator("sync_do_slice", () -> slice(state, value, slices, fill));
            }
            case "random":
                a.check(name);
                return random(state, value);
            default:
                throw TemplateException.runtime("No filter named '" + name + "' found.");
        }
    }

    private static List<Object> groupby(RenderState state, Object value, Args a) {
        Object attribute = a.require(0, "attribute", "groupby");
        Object fallback = a.get(1, "default", null);
        boolean caseSensitive = PyValues.truthy(a.get(2, "case_sensitive", false));
        Function<Object, Object> key = item -> {
            Object k = SeqFilters.attribute(state, item, attribute, fallback);
            return !caseSensitive && k instanceof String s ? PyStrings.lower(s) : k;
        };
        List<Object> items = PyValues.iterate(state, value);
        List<Object> keys = new ArrayList<>(items.size());
        for (Object item : items) {
            keys.add(key.apply(item));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        state.work((long) items.size() * Math.max(1, 32 - Integer.numberOfLeadingZeros(items.size() + 1)));
        order.sort((x, y) -> {
            Object kx = keys.get(x);
            Object ky = keys.get(y);
            return PyValues.eq(kx, ky) ? 0 : PyValues.compare(kx, ky, "<");
        });
        List<Object> out = new ArrayList<>();
        Object currentKey = null;
        List<Object> group = null;
        for (int i : order) {
            if (group == null || !PyValues.eq(currentKey, keys.get(i))) {
                if (group != null) {
                    out.add(group(state, currentKey, group, attribute, fallback, caseSensitive));
                }
                currentKey = keys.get(i);
                group = new ArrayList<>();
            }
            group.add(items.get(i));
        }
        if (group != null) {
            out.add(group(state, currentKey, group, attribute, fallback, caseSensitive));
        }
        return out;
    }

    private static PyTuple group(RenderState state, Object key, List<Object> members, Object attribute, Object fallback,
                                 boolean caseSensitive) {
        Object grouper = caseSensitive ? key : SeqFilters.attribute(state, members.get(0), attribute, fallback);
        return new PyTuple(java.util.Arrays.asList(grouper, members), GROUP_FIELDS);
    }

    private static List<Object> slice(RenderState state, Object value, Object slicesArg, Object fill) {
        List<Object> seq = PyValues.iterate(state, value);
        if (!PyValues.isInt(slicesArg)) {
            PyOps.binary(state, "//", (long) seq.size(), slicesArg);
            throw TemplateException.runtime("'" + PyValues.typeName(slicesArg) + "' object cannot be interpreted as an integer");
        }
        long slices = PyValues.toLong(slicesArg);
        if (slices == 0) {
            throw TemplateException.runtime("integer division or modulo by zero");
        }
        long length = seq.size();
        long perSlice = Math.floorDiv(length, slices);
        long withExtra = Math.floorMod(length, slices);
        long offset = 0;
        List<Object> out = new ArrayList<>();
        for (long n = 0; n < slices; n++) {
            state.step();
            long start = offset + n * perSlice;
            if (n < withExtra) {
                offset++;
            }
            long end = offset + (n + 1) * perSlice;
            List<Object> column = new ArrayList<>();
            for (long i = Math.max(0, start); i < Math.min(end, length); i++) {
                column.add(seq.get((int) i));
            }
            if (fill != null && n >= withExtra) {
                column.add(fill);
            }
            out.add(column);
        }
        return out;
    }

    private static Object random(RenderState state, Object value) {
        long n = PyValues.len(value);
        if (n == 0) {
            return Undefined.hint("No random item, sequence was empty.");
        }
        long i = state.random().nextInt((int) Math.min(n, Integer.MAX_VALUE));
        if (value instanceof Map<?, ?> map) {
            Object found = Attributes.getitem(state, map, i);
            if (found instanceof Undefined) {
                throw TemplateException.runtime(String.valueOf(i));
            }
            return found;
        }
        if (value instanceof LoopContext) {
            throw TemplateException.runtime("'LoopContext' object is not subscriptable");
        }
        return Attributes.getitem(state, value, i);
    }
}
