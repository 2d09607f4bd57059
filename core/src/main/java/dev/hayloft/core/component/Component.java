package dev.hayloft.core.component;

import java.util.Map;

/**
 * A unit of work in a {@code Pipeline}: a generator, a prompt builder, a router.
 *
 * <p>A component declares its sockets once, in Java types, on the method annotated
 * {@link Run}: each parameter annotated {@link Input} is an input socket; the method returns a
 * record whose components are the output sockets (named in snake_case, or by
 * {@link Output}). {@link ComponentSockets#of(Component)} reads them without running
 * anything, and the pipeline calls the same method, so direct Java calls stay typed.
 *
 * <p>Conventions: components are final and immutable once built (thread-safe); constructors
 * do no I/O; {@link #warmUp()} loads models or opens clients and is idempotent; components
 * holding threads, sockets or native memory are {@link AutoCloseable}. {@link #toDict()}
 * returns {@code {"type": ..., "init_parameters": {...}}}.
 *
 * <pre>{@code
 * public final class Upper implements Component {
 *     public record Result(String text) {}
 *
 *     @Run
 *     public Result run(@Input("text") String text) {
 *         return new Result(text.toUpperCase());
 *     }
 *
 *     public Map<String, Object> toDict() {
 *         return Components.dict(this, Map.of());
 *     }
 * }
 * }</pre>
 */
public interface Component {

    /** Prepares heavy resources (models, clients). Idempotent; the default does nothing. */
    default void warmUp() {
    }

    /** {@code {"type": <registered type name>, "init_parameters": {...}}}. */
    Map<String, Object> toDict();
}
