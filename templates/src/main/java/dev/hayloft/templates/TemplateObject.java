package dev.hayloft.templates;

import java.util.Optional;

/**
 * A Java object a template may read attributes of, the way Jinja2 reads a Python object's
 * attributes ({@code {{ doc.content }}}, {@code {{ message.meta['k'] }}}). Templates never reach
 * Java reflection: a value in a render context is a plain value (string, number, boolean,
 * {@code null}, list, map) or an implementation of this interface, which decides exactly which
 * attributes exist. Attribute values are converted like the context ({@link TemplateEnvironment}).
 *
 * <p>As in Jinja2, {@code obj.name} asks {@link #attribute} first, then {@link #item};
 * {@code obj['name']} asks {@link #item} first, then {@link #attribute}. An attribute that exists
 * with the value None (which an {@code Optional} cannot hold) is {@link #none()}: it prints
 * {@code None} and tests {@code is none}, where an empty result is undefined.
 *
 * <pre>{@code
 * record Person(String name) implements TemplateObject {
 *     public Optional<Object> attribute(String attr) {
 *         return attr.equals("name") ? Optional.of(name) : Optional.empty();
 *     }
 *     public String repr() { return "Person(name=" + Python.repr(name) + ")"; }
 * }
 * env.compile("{{ p.name }}").render(Map.of("p", new Person("Ada")));   // "Ada"
 * }</pre>
 */
public interface TemplateObject {
    /** An attribute or item that exists and is None ({@code Optional.of(null)} is not possible). */
    static Optional<Object> none() {
        return Optional.of(NoneValue.NONE);
    }

    /** The attribute {@code name}, or empty when the object has none (the template sees it undefined). */
    Optional<Object> attribute(String name);

    /** The item {@code key} ({@code obj[key]}), or empty; none by default. */
    default Optional<Object> item(Object key) {
        return Optional.empty();
    }

    /** Python's {@code repr()} of the object, used inside containers and by {@code repr}-like output. */
    String repr();

    /** Python's {@code str()} of the object, printed by {@code {{ obj }}}; {@link #repr()} by default. */
    default String str() {
        return repr();
    }

    /** Jinja's truth value of the object; true by default, as for Python objects. */
    default boolean truthy() {
        return true;
    }

    /** The Python type name shown in error messages. */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
