package dev.hayloft.core.internal;

import dev.hayloft.templates.Template;
import dev.hayloft.templates.TemplateEnvironment;
import dev.hayloft.templates.TemplateException;
import java.time.Clock;
import java.util.Map;

/**
 * The prompt builders' template environment: Haystack's ({@link TemplateEnvironment#haystack()}:
 * Jinja2's {@code SandboxedEnvironment()} defaults plus the {@code now} tag), with the
 * {@code message} tag and {@code templatize_part} filter for chat templates. Template failures
 * become {@link IllegalArgumentException}s naming the field {@code template} and the template
 * line; the {@link TemplateException} is the cause.
 *
 * <pre>{@code
 * PromptTemplates templates = PromptTemplates.of(Clock.systemDefaultZone(), false);
 * Template t = templates.compile("Hi {{ name }}");
 * String text = templates.render(t, Map.of("name", "Ada"));   // "Hi Ada"
 * }</pre>
 *
 * @param environment the environment templates compile in
 */
public record PromptTemplates(TemplateEnvironment environment) {

    /** Haystack's environment reading {@code now} from {@code clock}; with the chat extensions when {@code chat}. */
    public static PromptTemplates of(Clock clock, boolean chat) {
        TemplateEnvironment.Builder b = TemplateEnvironment.haystack().toBuilder().clock(clock);
        if (chat) {
            b.tag(ChatMessageTemplates.MESSAGE_TAG).filter("templatize_part", ChatMessageTemplates.TEMPLATIZE_PART);
        }
        return new PromptTemplates(b.build());
    }

    /** Compiles {@code source}; a syntax error is an {@link IllegalArgumentException} naming {@code template}. */
    public Template compile(String source) {
        try {
            return environment.compile(source);
        } catch (TemplateException e) {
            throw new IllegalArgumentException("template: " + e.getMessage(), e);
        }
    }

    /** Renders {@code template} with {@code values} (data classes seen through {@link TemplateViews}). */
    public String render(Template template, Map<String, ?> values) {
        Map<String, Object> context = TemplateViews.context(values);
        try {
            return template.render(context);
        } catch (TemplateException e) {
            throw new IllegalArgumentException("template: " + e.getMessage(), e);
        }
    }
}
