package dev.hayloft.templates;

/**
 * The marker {@link TemplateObject#none()} wraps: a Java value standing for Python's None where
 * {@code null} cannot be used (inside an {@code Optional}). {@link JavaValues} turns it into
 * {@code null}, the engine's None.
 *
 * <pre>{@code
 * Optional<Object> score = TemplateObject.none();   // {{ doc.score }} prints "None"
 * }</pre>
 */
enum NoneValue {
    NONE
}
