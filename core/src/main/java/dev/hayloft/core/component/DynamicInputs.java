package dev.hayloft.core.component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code Map<String, Object>} run-method parameter that receives the values of the
 * instance's dynamic input sockets (those its {@link DynamicSockets#dynamicInputSockets()}
 * declares, e.g. a prompt template's variables), keyed by socket name.
 *
 * <pre>{@code
 * @Run
 * public Result run(@Input(value = "template", optional = true) String template,
 *                   @DynamicInputs Map<String, Object> variables) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface DynamicInputs {
}
