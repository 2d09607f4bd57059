package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * What Jinja2's sandboxed {@code range(...)} returns: Python's lazy {@code range}, at most
 * {@link Globals#MAX_RANGE} items long. It iterates, has a length, supports indexing and slicing
 * (a slice is a range again), {@code in}, {@code start}/{@code stop}/{@code step},
 * {@code index}/{@code count}, and prints as {@code range(0, 3)}.
 *
 * <pre>{@code
 * {% for i in range(1, 10, 2) %}{{ i }}{% endfor %}   {# 13579 #}
 * {{ range(10)[2:8:3] }}                              {# range(2, 8, 3) #}
 * }</pre>
 *
 * @param start first value
 * @param stop  end (exclusive)
 * @param step  stride, never 0
 */
record PyRange(long start, long stop, long step) {
    long length() {
        return step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
                : (start > stop ? (start - stop - step - 1) / -step : 0);
    }

    long get(long index) {
        return start + index * step;
    }

    List<Object> items() {
        long n = length();
        List<Object> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** {@code r[slice]}: the range of the selected items. */
    PyRange slice(Attributes.Slice slice) {
        long[] bounds = Attributes.sliceBounds(length(), slice);
        return new PyRange(get(bounds[0]), get(bounds[1]), step * bounds[2]);
    }

    /** Python's {@code range == range}: the same sequence of values. */
    boolean sameValues(PyRange other) {
        long n = length();
        return n == other.length() && (n == 0 || (start == other.start && (n == 1 || step == other.step)));
    }

    String repr() {
        return "range(" + start + ", " + stop + (step == 1 ? "" : ", " + step) + ")";
    }

    Object attribute(String name) {
        return switch (name) {
            case "start" -> start;
            case "stop" -> stop;
            case "step" -> step;
            case "index", "count" -> new PyCallable.BoundMethod(this, name);
            default -> null;
        };
    }

    Object call(String name, Args args) {
        Object value = Signatures.one(args, "range", name).positional().get(0);
        long n = length();
        for (long i = 0; i < n; i++) {
            if (PyValues.eq(get(i), value)) {
                return name.equals("count") ? (Object) 1L : (Object) i;
            }
        }
        if (name.equals("count")) {
            return 0L;
        }
        throw TemplateException.runtime(PyValues.repr(value) + " is not in range");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyRange r && sameValues(r);
    }

    @Override
    public int hashCode() {
        return (int) length();
    }
}
