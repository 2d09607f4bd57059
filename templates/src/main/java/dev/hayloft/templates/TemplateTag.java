package dev.hayloft.templates;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A block tag of the form {@code {% name attr=expr, attr=expr %}body{% endname %}}, the shape of
 * Haystack's {@code {% message role="user" %}...{% endmessage %}}: the attributes are evaluated
 * as expressions, the body is rendered, and {@link Handler#render} turns both into the text the
 * tag outputs. Register it with {@link TemplateEnvironment.Builder#tag(TemplateTag)}.
 *
 * <p>An attribute not in {@code attributes} is a syntax error; which attributes are required is
 * for the handler to check (throw {@link IllegalArgumentException}: the render fails with a
 * {@link TemplateException} at the tag).
 *
 * <pre>{@code
 * TemplateTag shout = new TemplateTag("shout", List.of("times"),
 *         (attrs, body) -> body.toUpperCase().repeat(((Number) attrs.getOrDefault("times", 1L)).intValue()));
 * TemplateEnvironment env = TemplateEnvironment.jinja2().toBuilder().tag(shout).build();
 * env.compile("{% shout times=2 %}hi {% endshout %}").render(Map.of());   // "HI HI "
 * }</pre>
 *
 * @param name       the tag name; the block ends with {@code end<name>}
 * @param attributes the attribute names the tag accepts
 * @param handler    renders the tag from its evaluated attributes and rendered body
 */
public record TemplateTag(String name, List<String> attributes, Handler handler) {
    /** Renders one use of a tag. */
    @FunctionalInterface
    public interface Handler {
        /**
         * The tag's output.
         *
         * @param attributes the attributes given, evaluated, in template order
         * @param body       the rendered body
         * @return the text to output in place of the block
         */
        String render(Map<String, Object> attributes, String body);
    }

    /** Validates the name (an identifier) and copies the attribute list. */
    public TemplateTag {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("tag name must be an identifier: " + name);
        }
        attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes"));
        Objects.requireNonNull(handler, "handler");
    }

    /** The name that closes the block. */
    public String endName() {
        return "end" + name;
    }
}
