package dev.hayloft.templates;

/**
 * A Python object of the engine's own with attributes a template can read: Jinja2's
 * {@code cycler} and {@code joiner} objects and macros. Attribute names starting with
 * {@code _} are refused by the sandbox before {@link #attribute} is asked.
 *
 * <pre>{@code
 * {% set c = cycler('odd', 'even') %}{{ c.next() }} {{ c.current }}
 * }</pre>
 */
interface PyObject {
    /** {@code obj.name}: the attribute, a {@link PyCallable.BoundMethod} for a method, else {@link Undefined}. */
    Object attribute(String name);

    /** Calls the method {@code name} (reached through a bound method). */
    default Object callMethod(RenderState state, String name, Args args) {
        throw TemplateException.runtime("'" + typeName() + "' object has no attribute '" + name + "'");
    }

    /** Python's {@code type(obj).__name__}. */
    String typeName();

    /** Python's {@code repr(obj)} (its {@code str()} too). */
    String repr();

    /** The module Jinja2 defines the class in, for messages ({@code jinja2.utils.}). */
    default String module() {
        return "jinja2.utils.";
    }
}
