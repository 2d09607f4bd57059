package dev.hayloft.templates;

import java.util.HashMap;
import java.util.Map;

/**
 * One level of Jinja2 variable scoping. The template body, each {@code for} iteration, each
 * macro call, {@code with} block and captured block gets its own scope; {@code set} writes to the
 * innermost one, so (as in Jinja2) a variable set inside a loop is gone after the iteration.
 * Lookups fall back to the enclosing scopes, then to the render context and the globals.
 *
 * <pre>{@code
 * Scope root = new Scope(null);
 * Scope iteration = new Scope(root);
 * iteration.set("message", m);
 * }</pre>
 */
final class Scope {
    /** Returned by {@link #lookup} when no scope in the chain defines the name. */
    static final Object MISSING = new Object();

    private final Scope parent;
    private final Map<String, Object> vars = new HashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    Object lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.vars.containsKey(name)) {
                return s.vars.get(name);
            }
        }
        return MISSING;
    }

    void set(String name, Object value) {
        vars.put(name, value);
    }
}
