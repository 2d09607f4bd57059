package dev.hayloft.templates;

/**
 * Jinja2's default {@code Undefined}: what a missing variable, key, attribute or index evaluates
 * to. It prints as the empty string, is falsy, iterates as empty and has length 0; any other use
 * (attribute access, arithmetic, calling it) raises an error carrying Jinja2's message, e.g.
 * {@code 'dict object' has no attribute 'foo'}.
 *
 * <pre>{@code
 * Object v = Undefined.of(Map.of(), "foo");   // renders "", v.message() -> "'dict object' has no attribute 'foo'"
 * }</pre>
 */
final class Undefined {
    private static final Object MISSING = new Object();

    private final Object obj;
    private final Object name;
    private final String hint;

    private Undefined(Object obj, Object name, String hint) {
        this.obj = obj;
        this.name = name;
        this.hint = hint;
    }

    /** A variable that no scope defines. */
    static Undefined named(String name) {
        return new Undefined(MISSING, name, null);
    }

    /** A missing attribute or item {@code key} of {@code obj}. */
    static Undefined of(Object obj, Object key) {
        return new Undefined(obj, key, null);
    }

    /** An undefined value whose message is the given hint. */
    static Undefined hint(String hint) {
        return new Undefined(MISSING, null, hint);
    }

    /** What the sandbox returns for an attribute it refuses to expose. */
    static Undefined unsafe(Object obj, String attribute) {
        return new Undefined(obj, attribute, "access to attribute " + PyValues.repr(attribute) + " of "
                + PyValues.repr(PyValues.typeName(obj)) + " object is unsafe.");
    }

    /** Jinja2's message for this undefined value. */
    String message() {
        if (hint != null) {
            return hint;
        }
        if (obj == MISSING) {
            return PyValues.repr(name) + " is undefined";
        }
        if (!(name instanceof String)) {
            return PyValues.objectTypeRepr(obj) + " has no element " + PyValues.repr(name);
        }
        return PyValues.repr(PyValues.objectTypeRepr(obj)) + " has no attribute " + PyValues.repr(name);
    }

    /** The error raised when this value is used in a way Undefined does not allow. */
    TemplateException error() {
        return TemplateException.runtime(message());
    }

    @Override
    public String toString() {
        return "";
    }
}
