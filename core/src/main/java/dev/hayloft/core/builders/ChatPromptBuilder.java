package dev.hayloft.core.builders;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.DynamicInputs;
import dev.hayloft.core.component.DynamicSockets;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.internal.PromptTemplates;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.Json;
import dev.hayloft.templates.Template;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a chat prompt — a list of {@link ChatMessage} templates, or one string template
 * using {@code {% message role="..." %}...{% endmessage %}} blocks — into
 * {@code List<ChatMessage>} ({@code prompt}), Haystack's {@code ChatPromptBuilder}. Only the
 * text of user and system messages is rendered; other messages pass through. Variables
 * become input sockets as in {@link PromptBuilder}.
 *
 * <pre>{@code
 * ChatPromptBuilder builder = ChatPromptBuilder.builder(List.of(
 *                 ChatMessage.fromSystem("You answer in {{ language }}."),
 *                 ChatMessage.fromUser("{{ question }}")))
 *         .requiredVariables(List.of("question"))
 *         .build();
 * List<ChatMessage> prompt = builder.render(Map.of("language", "French", "question", "Hi?"));
 * }</pre>
 */
public final class ChatPromptBuilder implements Component, DynamicSockets {
    private static final Logger LOG = LoggerFactory.getLogger(ChatPromptBuilder.class);

    /** The output: the rendered messages. */
    public record Result(List<ChatMessage> prompt) {
    }

    private final List<ChatMessage> messageTemplate;
    private final String stringTemplate;
    private final PromptTemplates templates;
    /** The compiled build-time templates: the string template, or one per user/system message. */
    private final List<Template> compiled;
    private final TemplateVariables variables;

    private ChatPromptBuilder(Builder b) {
        this.messageTemplate = b.messages == null ? null : List.copyOf(b.messages);
        this.stringTemplate = b.string;
        this.templates = PromptTemplates.of(b.clock, true);
        this.compiled = compileAll(messageTemplate != null ? messageTemplate : stringTemplate);
        LinkedHashSet<String> found = new LinkedHashSet<>();
        compiled.forEach(t -> found.addAll(t.undeclaredVariables()));
        this.variables = TemplateVariables.of(new ArrayList<>(found), b.variables, b.required, b.allRequired,
                "ChatPromptBuilder", LOG);
    }

    /** Compiles a string template, or the user and system messages of a message list (other values: none). */
    private List<Template> compileAll(Object template) {
        List<Template> out = new ArrayList<>();
        if (template instanceof String s) {
            out.add(templates.compile(s));
        } else if (template instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof ChatMessage m && (m.isFrom(ChatRole.USER) || m.isFrom(ChatRole.SYSTEM))) {
                    out.add(templates.compile(textOf(m)));
                }
            }
        }
        return out;
    }

    private static String textOf(ChatMessage m) {
        if (m.text() == null) {
            throw new IllegalArgumentException("ChatMessages from " + m.role().value() + " role must contain text. "
                    + "Received ChatMessage with no text: " + m);
        }
        if (m.text().contains("templatize_part")) {
            throw new IllegalArgumentException("The templatize_part filter cannot be used with a template containing a "
                    + "list ofChatMessage objects. Use a string template or remove the templatize_part filter from "
                    + "the template.");
        }
        return m.text();
    }

    /** A builder over a list of message templates. */
    public static Builder builder(List<ChatMessage> template) {
        Builder b = new Builder();
        b.messages = template;
        return b;
    }

    /** A builder over a string template of {@code {% message %}} blocks. */
    public static Builder builder(String template) {
        Builder b = new Builder();
        b.string = template;
        return b;
    }

    /** A builder without a template (the template must then be given at run time). */
    public static Builder builder() {
        return new Builder();
    }

    /** The template's variables (the dynamic input sockets). */
    public List<String> variables() {
        return variables.variables();
    }

    @Override
    public List<InputSocket> dynamicInputSockets() {
        return variables.sockets();
    }

    /**
     * Renders the template ({@code template} when given: a {@code List<ChatMessage>} or a
     * {@code String}) with the socket values overridden by {@code templateVariables}.
     */
    @Run
    public Result run(@Input(value = "template", optional = true) Object template,
            @Input(value = "template_variables", optional = true) Map<String, Object> templateVariables,
            @DynamicInputs Map<String, Object> socketValues) {
        Map<String, Object> combined = TemplateVariables.combine(socketValues, templateVariables);
        Object t = template != null ? template : messageTemplate != null ? messageTemplate : stringTemplate;
        boolean empty = t == null || (t instanceof String s && s.isEmpty()) || (t instanceof List<?> l && l.isEmpty());
        if (empty || !(t instanceof String || t instanceof List)) {
            throw new IllegalArgumentException("template: The ChatPromptBuilder requires a non-empty list of "
                    + "ChatMessage instances. Please provide a valid list of ChatMessage instances to render the "
                    + "prompt.");
        }
        if (t instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof ChatMessage)) {
                    throw new IllegalArgumentException("template: The ChatPromptBuilder expects a list containing "
                            + "only ChatMessage instances. The provided list contains other types. Please ensure "
                            + "that all elements in the list are ChatMessage instances.");
                }
            }
        }
        List<Template> parts = template != null ? compileAll(template) : compiled;
        if (t instanceof String) {
            variables.validate(combined.keySet(), "ChatPromptBuilder");
            return new Result(renderString(parts.get(0), combined));
        }
        List<ChatMessage> out = new ArrayList<>();
        int next = 0;
        for (Object o : (List<?>) t) {
            ChatMessage m = (ChatMessage) o;
            if (m.isFrom(ChatRole.USER) || m.isFrom(ChatRole.SYSTEM)) {
                variables.validate(combined.keySet(), "ChatPromptBuilder");
                String rendered = templates.render(parts.get(next++), combined);
                out.add(new ChatMessage(m.role(), List.of(new TextContent(rendered)), m.name(), m.meta()));
            } else {
                out.add(m);
            }
        }
        return new Result(out);
    }

    private List<ChatMessage> renderString(Template template, Map<String, Object> values) {
        String rendered = templates.render(template, values);
        List<ChatMessage> out = new ArrayList<>();
        for (String line : rendered.strip().split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                try {
                    out.add(ChatMessage.fromDict(Json.parseObject(l)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("template: a string template must consist of {% message %} "
                            + "blocks; text outside them is not allowed (" + e.getMessage() + ")", e);
                }
            }
        }
        return out;
    }

    /**
     * Renders with {@code values}, like Haystack's {@code builder.run(**values)}: variables left
     * out are undefined (they print "" and {@code default(...)} applies).
     */
    public List<ChatMessage> render(Map<String, ?> values) {
        return run(null, null, new LinkedHashMap<>(values)).prompt();
    }

    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        if (messageTemplate != null) {
            List<Object> l = new ArrayList<>();
            messageTemplate.forEach(m -> l.add(m.toDict()));
            init.put("template", l);
        } else {
            init.put("template", stringTemplate);
        }
        init.put("variables", variables.declared() == null ? null : new ArrayList<>(variables.declared()));
        init.put("required_variables", variables.requiredForDict());
        return Components.dict(this, init);
    }

    /** Rebuilds from {@link #toDict()} output. */
    public static ChatPromptBuilder fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, ChatPromptBuilder.class);
    }

    static ChatPromptBuilder fromInitParameters(DictReader init, DeserializationContext ctx) {
        Builder b = new Builder();
        Object t = init.raw("template");
        if (t instanceof String) {
            b.string = (String) t;
        } else if (t instanceof List) {
            b.messages = init.optionalListOf("template", (m, i) -> ChatMessage.fromDict(m));
        } else if (t != null) {
            throw init.wrongType("template", "a list of messages or a string", t);
        }
        TemplateVariables.Required req = TemplateVariables.readRequired(init);
        b.variables(init.optionalStringList("variables")).requiredVariables(req.names());
        if (req.all()) {
            b.allVariablesRequired();
        }
        return b.build();
    }

    /** Builds {@link ChatPromptBuilder}s. */
    public static final class Builder {
        private List<ChatMessage> messages;
        private String string;
        private List<String> variables;
        private List<String> required;
        private boolean allRequired;
        private Clock clock = Clock.systemDefaultZone();

        private Builder() {
        }

        /** The clock {@code {% now %}} reads (tests freeze it; not serialised). */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Declares the variables instead of finding them in the template. */
        public Builder variables(List<String> variables) {
            this.variables = variables;
            return this;
        }

        /** Variables that must be given. */
        public Builder requiredVariables(List<String> required) {
            this.required = required;
            return this;
        }

        /** Every variable must be given ({@code required_variables="*"}). */
        public Builder allVariablesRequired() {
            this.allRequired = true;
            return this;
        }

        /**
         * The builder.
         *
         * @throws IllegalArgumentException naming {@code template} (and the line) when a template does not parse
         */
        public ChatPromptBuilder build() {
            return new ChatPromptBuilder(this);
        }
    }
}
