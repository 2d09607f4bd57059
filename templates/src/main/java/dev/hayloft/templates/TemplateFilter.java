package dev.hayloft.templates;

import java.util.List;
import java.util.Map;

/**
 * A filter a template applies with {@code value|name(args)}, registered with
 * {@link TemplateEnvironment.Builder#filter(String, TemplateFilter)}. Like Jinja2, filter names
 * are checked when a template is compiled, so an unknown filter is a syntax error. Values follow
 * the same rules as for {@link TemplateFunction}.
 *
 * <pre>{@code
 * TemplateEnvironment env = TemplateEnvironment.jinja2().toBuilder()
 *         .filter("exclaim", (value, args, kwargs) -> value + "!")
 *         .build();
 * env.compile("{{ 'hi' | exclaim }}").render(Map.of());   // "hi!"
 * }</pre>
 */
@FunctionalInterface
public interface TemplateFilter {
    /**
     * Applies the filter.
     *
     * @param value  the filtered value
     * @param args   further positional arguments
     * @param kwargs keyword arguments, in call order
     * @return the result
     */
    Object apply(Object value, List<Object> args, Map<String, Object> kwargs);
}
