package dev.hayloft.core.component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an output socket explicitly on a result record's component. Without it the socket
 * name is the component name in snake_case ({@code revisedPrompt} → {@code revised_prompt}).
 *
 * <pre>{@code
 * public record Result(List<String> images, @Output("revised_prompt") String revised) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Output {
    /** The socket name. */
    String value();
}
