package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A one-shot Python iterator, which is what Jinja2's {@code map}, {@code select}, {@code reject},
 * {@code selectattr}, {@code rejectattr}, {@code unique}, {@code batch}, {@code items} and
 * {@code reverse} filters return: always truthy (even when empty), without a length, printed as
 * {@code <generator object ...>}, computed only when first iterated (so errors surface there)
 * and empty once consumed. Templates normally finish such chains with {@code |list} or
 * {@code |join}, which behave as in Jinja2.
 *
 * <pre>{@code
 * {%- if messages|selectattr('role', 'equalto', 'system') %}  {#- always true, as in Jinja2 #}
 * {%- set users = messages|selectattr('role', 'equalto', 'user')|list %}
 * }</pre>
 */
final class PyIterator {
    private final String typeName;
    private final String function;
    private Supplier<List<Object>> source;

    /**
     * @param typeName Python's type name ({@code generator}, {@code list_reverseiterator}...)
     * @param function for generators, the Jinja function that made it (shown when printed)
     * @param source   computes the items on first iteration
     */
    PyIterator(String typeName, String function, Supplier<List<Object>> source) {
        this.typeName = typeName;
        this.function = function;
        this.source = source;
    }

    static PyIterator generator(String function, Supplier<List<Object>> source) {
        return new PyIterator("generator", function, source);
    }

    String typeName() {
        return typeName;
    }

    /** The remaining items; the iterator is exhausted afterwards. */
    List<Object> drain() {
        if (source == null) {
            return new ArrayList<>();
        }
        Supplier<List<Object>> s = source;
        source = null;
        return new ArrayList<>(s.get());
    }

    @Override
    public String toString() {
        return "<" + typeName + " object" + (function == null ? "" : " " + function) + ">";
    }
}
