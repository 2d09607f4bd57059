package dev.hayloft.core.component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a run-method parameter as an input socket.
 *
 * <p>{@code value} is the socket name (Haystack's snake_case name). An {@code optional}
 * socket may stay unconnected and unset; the parameter then receives {@code null}. A
 * {@code variadic} socket accepts several connections: the parameter is a {@code List<T>}
 * and each sender delivers a {@code T}. A {@code greedy} variadic socket lets the component
 * run as soon as the first value arrives.
 *
 * <pre>{@code
 * @Run
 * public Result run(@Input("messages") List<ChatMessage> messages,
 *                   @Input(value = "generation_kwargs", optional = true) Map<String, Object> kwargs) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Input {
    /** The socket name. */
    String value();

    /** Whether the socket may be left without a value. */
    boolean optional() default false;

    /** Whether the socket accepts several senders (parameter type {@code List<T>}). */
    boolean variadic() default false;

    /** For variadic sockets: run on the first value instead of waiting for all senders. */
    boolean greedy() default false;
}
