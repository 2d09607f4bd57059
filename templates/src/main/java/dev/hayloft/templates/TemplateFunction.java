package dev.hayloft.templates;

import java.util.List;
import java.util.Map;

/**
 * A global function a template can call, registered with
 * {@link TemplateEnvironment.Builder#global(String, TemplateFunction)}. Arguments arrive as
 * values of the Python value model (see {@link TemplateObject}); the return value is converted
 * back the same way a render context is ({@link TemplateEnvironment}), so return plain values:
 * strings, numbers, booleans, {@code null}, lists, maps or {@link TemplateObject}s. An exception
 * thrown here ends the render with a {@link TemplateException} of kind
 * {@link TemplateException.Kind#RUNTIME} at the calling expression.
 *
 * <pre>{@code
 * TemplateEnvironment env = TemplateEnvironment.jinja2().toBuilder()
 *         .global("shout", (args, kwargs) -> String.valueOf(args.get(0)).toUpperCase())
 *         .build();
 * env.compile("{{ shout('hi') }}").render(Map.of());   // "HI"
 * }</pre>
 */
@FunctionalInterface
public interface TemplateFunction {
    /**
     * Calls the function.
     *
     * @param args   positional arguments
     * @param kwargs keyword arguments, in call order
     * @return the result
     */
    Object call(List<Object> args, Map<String, Object> kwargs);
}
