package dev.hayloft.core.component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component's run method: its {@link Input} parameters are the input sockets and the
 * record it returns describes the output sockets. Exactly one public method per component
 * class carries it.
 *
 * <pre>{@code
 * @Run
 * public Result run(@Input("prompt") String prompt) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Run {
}
