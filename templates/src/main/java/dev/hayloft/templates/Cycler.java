package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * Jinja2's {@code cycler(*items)} and {@code joiner(sep=', ')} globals: a cycler hands out its
 * items in turn ({@code next()}, {@code current}, {@code reset()}, {@code items}, {@code pos}),
 * across loops; a joiner returns {@code ""} on its first call and the separator afterwards.
 *
 * <pre>{@code
 * {% set row = cycler('odd', 'even') %}{% for f in files %}<li class="{{ row.next() }}">{% endfor %}
 * {% set comma = joiner(', ') %}{% for t in tags %}{{ comma() }}{{ t }}{% endfor %}
 * }</pre>
 */
final class Cycler implements PyObject {
    private final List<Object> items;
    private int pos;

    Cycler(List<Object> items) {
        if (items.isEmpty()) {
            throw TemplateException.runtime("at least one item has to be provided");
        }
        this.items = new ArrayList<>(items);
    }

    @Override
    public Object attribute(String name) {
        return switch (name) {
            case "items" -> new PyTuple(items);
            case "pos" -> (long) pos;
            case "current" -> items.get(pos);
            case "next", "reset" -> new PyCallable.BoundMethod(this, name);
            default -> Undefined.of(this, name);
        };
    }

    @Override
    public Object callMethod(RenderState state, String name, Args args) {
        Signatures.function(args, "Cycler." + name, 1, 0);
        if (name.equals("reset")) {
            pos = 0;
            return null;
        }
        Object current = items.get(pos);
        pos = (pos + 1) % items.size();
        return current;
    }

    @Override
    public String typeName() {
        return "Cycler";
    }

    @Override
    public String repr() {
        return "<jinja2.utils.Cycler object>";
    }

    /** {@code joiner(sep)}. */
    static final class Joiner implements PyObject, PyCallable {
        private final Object separator;
        private boolean used;

        Joiner(Object separator) {
            this.separator = separator;
        }

        @Override
        public Object call(RenderState state, Args args) {
            Signatures.function(args, "Joiner.__call__", 1, 0);
            if (!used) {
                used = true;
                return "";
            }
            return separator;
        }

        @Override
        public String pyName() {
            return "joiner";
        }

        @Override
        public Object attribute(String name) {
            return switch (name) {
                case "sep" -> separator;
                case "used" -> used;
                default -> Undefined.of(this, name);
            };
        }

        @Override
        public String typeName() {
            return "Joiner";
        }

        @Override
        public String repr() {
            return "<jinja2.utils.Joiner object>";
        }
    }
}
