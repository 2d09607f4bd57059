package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable Python tuple, e.g. {@code (1, 'a')} or the pairs of {@code d.items()}; kept apart
 * from lists because it prints as {@code (1, 'a')} and never equals a list.
 *
 * <pre>{@code
 * PyTuple pair = PyTuple.of("role", "user");
 * }</pre>
 *
 * @param items  the elements (may contain {@code null}, Python's None)
 * @param fields the field names of a named tuple (such as {@code groupby}'s {@code (grouper, list)}),
 *               empty for a plain tuple
 */
record PyTuple(List<Object> items, List<String> fields) {
    PyTuple {
        items = Collections.unmodifiableList(new ArrayList<>(items));
        fields = List.copyOf(fields);
    }

    /** A plain tuple. */
    PyTuple(List<Object> items) {
        this(items, List.of());
    }

    /** A named tuple's field {@code name} (as {@code t.name} reads it), or null when it has none. */
    Object field(String name) {
        int at = fields.indexOf(name);
        return at < 0 ? null : items.get(at);
    }

    boolean hasField(String name) {
        return fields.contains(name);
    }

    static PyTuple of(Object... items) {
        List<Object> list = new ArrayList<>(items.length);
        Collections.addAll(list, items);
        return new PyTuple(list);
    }

    int size() {
        return items.size();
    }

    Object get(int i) {
        return items.get(i);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTuple t && PyValues.eq(this, t);
    }

    @Override
    public int hashCode() {
        return items.size();
    }
}
