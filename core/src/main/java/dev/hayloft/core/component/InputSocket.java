package dev.hayloft.core.component;

import dev.hayloft.core.internal.Types;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * An input socket: its name, the Java type a sender must deliver, whether it must be set,
 * whether it accepts several senders (variadic) and its default when optional.
 *
 * <p>For variadic sockets {@code type} is the type of one delivered value; the run method
 * receives a {@code List} of them.
 *
 * <pre>{@code
 * for (InputSocket in : ComponentSockets.of(generator).inputs()) {
 *     System.out.println(in.name() + ": " + in.typeName() + (in.mandatory() ? "" : " (optional)"));
 * }
 * }</pre>
 *
 * @param name socket name
 * @param type type of a delivered value
 * @param mandatory whether a value is required to run
 * @param variadic whether several senders may connect
 * @param greedy whether a variadic socket triggers on its first value
 * @param defaultValue value used when an optional socket gets none
 */
public record InputSocket(String name, Type type, boolean mandatory, boolean variadic, boolean greedy,
        Object defaultValue) {
    public InputSocket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("invalid socket name '" + name + "'");
        }
        if (greedy && !variadic) {
            throw new IllegalArgumentException("socket '" + name + "': only variadic sockets can be greedy");
        }
    }

    /** A mandatory, single-sender socket. */
    public static InputSocket mandatory(String name, Type type) {
        return new InputSocket(name, type, true, false, false, null);
    }

    /** An optional, single-sender socket with a default. */
    public static InputSocket optional(String name, Type type, Object defaultValue) {
        return new InputSocket(name, type, false, false, false, defaultValue);
    }

    /** A readable type name, e.g. {@code List[ChatMessage]}. */
    public String typeName() {
        return Types.name(type);
    }

    @Override
    public String toString() {
        return name + ": " + typeName() + (variadic ? " (variadic" + (greedy ? ", greedy)" : ")") : "")
                + (mandatory ? "" : " = " + defaultValue);
    }
}
