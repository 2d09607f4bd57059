package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * Jinja2's {@code loop} variable inside a {@code for} body: {@code index}, {@code index0},
 * {@code revindex}, {@code revindex0}, {@code first}, {@code last}, {@code length},
 * {@code previtem}, {@code nextitem}, {@code depth}, {@code depth0}, {@code cycle(...)},
 * {@code changed(...)}, and in a {@code recursive} loop {@code loop(children)}. One instance per
 * iteration; the {@code changed} memory is shared.
 *
 * <pre>{@code
 * {%- for m in messages %}{% if not loop.last %}{{ m.content }}, {% endif %}{% endfor %}
 * }</pre>
 */
final class LoopContext implements PyCallable {
    /** Renders the loop body again for another iterable ({@code loop(children)} in a recursive loop). */
    @FunctionalInterface
    interface Recursion {
        String render(Object iterable);
    }

    private final List<Object> items;
    private final int index0;
    private final List<Object> changedMemory;
    private final int depth0;
    private final Recursion recursion;

    LoopContext(List<Object> items, int index0, List<Object> changedMemory, int depth0, Recursion recursion) {
        this.items = items;
        this.index0 = index0;
        this.changedMemory = changedMemory;
        this.depth0 = depth0;
        this.recursion = recursion;
    }

    @Override
    public String pyName() {
        return "loop";
    }

    /** {@code loop(iterable)}: only in a {@code recursive} loop. */
    @Override
    public Object call(RenderState state, Args args) {
        if (recursion == null) {
            throw TemplateException.runtime("The loop must have the 'recursive' marker to be called recursively.");
        }
        args.check("loop", "iterable");
        return recursion.render(args.require(0, "iterable", "loop"));
    }

    long index() {
        return index0 + 1L;
    }

    long length() {
        return items.size();
    }

    Object attribute(String name) {
        int n = items.size();
        return switch (name) {
            case "index" -> (long) index0 + 1;
            case "index0" -> (long) index0;
            case "revindex" -> (long) (n - index0);
            case "revindex0" -> (long) (n - index0 - 1);
            case "first" -> index0 == 0;
            case "last" -> index0 == n - 1;
            case "length" -> (long) n;
            case "depth" -> depth0 + 1L;
            case "depth0" -> (long) depth0;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : Undefined.hint("there is no previous item");
            case "nextitem" -> index0 < n - 1 ? items.get(index0 + 1) : Undefined.hint("there is no next item");
            case "cycle", "changed" -> new PyCallable.BoundMethod(this, name);
            default -> name.startsWith("__") ? Undefined.unsafe(this, name) : Undefined.of(this, name);
        };
    }

    Object call(RenderState state, String name, Args args) {
        if (!args.keywords().isEmpty()) {
            throw TemplateException.runtime(name + "() takes no keyword arguments");
        }
        if (name.equals("cycle")) {
            if (args.positionalCount() == 0) {
                throw TemplateException.runtime("no items for cycling given");
            }
            return args.positional().get(index0 % args.positionalCount());
        }
        List<Object> value = new ArrayList<>(args.positional());
        if (!changedMemory.isEmpty() && PyValues.eq(changedMemory.get(0), value)) {
            return false;
        }
        changedMemory.clear();
        changedMemory.add(value);
        return true;
    }
}
