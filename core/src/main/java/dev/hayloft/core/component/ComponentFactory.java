package dev.hayloft.core.component;

import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;

/**
 * Creates a component from its {@code init_parameters}.
 *
 * <pre>{@code
 * ComponentFactory f = (init, ctx) -> new PromptBuilder(init.requireString("template"));
 * }</pre>
 */
@FunctionalInterface
public interface ComponentFactory {
    /** Builds the component; report bad fields with {@code init.error(...)} so the path is kept. */
    Component create(DictReader initParameters, DeserializationContext context);
}
