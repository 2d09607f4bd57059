package dev.hayloft.serialization;

/**
 * Which type names a dumped pipeline uses: Hayloft's (the Java class names, the default) or
 * Haystack's, so that the file loads in Python.
 *
 * <pre>{@code
 * String yaml = PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build().dumps(pipeline);
 * }</pre>
 */
public enum TypeNames {
    /** {@code dev.hayloft.openai.OpenAIChatGenerator}. */
    HAYLOFT,
    /** {@code haystack.components.generators.chat.openai.OpenAIChatGenerator}. */
    HAYSTACK
}
