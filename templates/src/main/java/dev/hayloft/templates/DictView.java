package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code dict.keys()}, {@code dict.values()} and {@code dict.items()} return: a view that
 * iterates, has a length and supports {@code in}, prints as {@code dict_items([('a', 1)])} and is
 * not subscriptable or JSON serialisable, as in Python. (Unlike Python's views it is a snapshot:
 * it does not follow later changes of the dict.)
 *
 * <pre>{@code
 * {% for k, v in d.items() %}{{ k }}={{ v }} {% endfor %}
 * {{ d.keys() }}            {# dict_keys(['a', 'b']) #}
 * }</pre>
 *
 * @param typeName {@code dict_keys}, {@code dict_values} or {@code dict_items}
 * @param items    the keys, values or {@code (key, value)} tuples, in the dict's order
 */
record DictView(String typeName, List<Object> items) {
    DictView {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    /** The iterator {@code reversed(view)} returns, by Python's type name. */
    String reversedTypeName() {
        return switch (typeName) {
            case "dict_keys" -> "dict_reversekeyiterator";
            case "dict_values" -> "dict_reversevalueiterator";
            default -> "dict_reverseitemiterator";
        };
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
