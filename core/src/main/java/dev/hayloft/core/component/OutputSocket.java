package dev.hayloft.core.component;

import dev.hayloft.core.internal.Types;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * An output socket: its name and the Java type it produces.
 *
 * <pre>{@code
 * OutputSocket replies = ComponentSockets.of(generator).output("replies");
 * }</pre>
 *
 * @param name socket name
 * @param type produced type
 */
public record OutputSocket(String name, Type type) {
    public OutputSocket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A readable type name. */
    public String typeName() {
        return Types.name(type);
    }

    @Override
    public String toString() {
        return name + ": " + typeName();
    }
}
