package dev.hayloft.core.builders;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.DynamicInputs;
import dev.hayloft.core.component.DynamicSockets;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.internal.PromptTemplates;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.templates.Template;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a Jinja2 prompt template into a string ({@code prompt}), Haystack's
 * {@code PromptBuilder}, with Haystack's template settings (see {@code docs/core.md}, "Templates"). The template's variables become input sockets: optional (default
 * {@code ""}) unless listed in {@code requiredVariables} (or all, with
 * {@link Builder#allVariablesRequired()}). At run time {@code template} replaces the template
 * and {@code template_variables} override the socket values.
 *
 * <pre>{@code
 * PromptBuilder builder = PromptBuilder.builder("Answer using {{ documents | length }} documents: {{ query }}")
 *         .requiredVariables(List.of("query"))
 *         .build();
 * String prompt = builder.render(Map.of("query", "Who lives in Paris?", "documents", docs));
 * }</pre>
 */
public final class PromptBuilder implements Component, DynamicSockets {
    private static final Logger LOG = LoggerFactory.getLogger(PromptBuilder.class);

    /** The output: the rendered prompt. */
    public record Result(String prompt) {
    }

    private final String template;
    private final PromptTemplates templates;
    private final Template compiled;
    private final TemplateVariables variables;

    /** A builder whose variables are all optional. */
    public PromptBuilder(String template) {
        this(builder(template));
    }

    private PromptBuilder(Builder b) {
        this.template = Objects.requireNonNull(b.template, "template");
        this.templates = PromptTemplates.of(b.clock, false);
        this.compiled = templates.compile(template);
        List<String> found = compiled.undeclaredVariables();
        this.variables = TemplateVariables.of(found, b.variables, b.required, b.allRequired, "PromptBuilder", LOG);
    }

    public static Builder builder(String template) {
        return new Builder(template);
    }

    /** The template. */
    public String template() {
        return template;
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
     * Renders the template (or {@code template} when given) with the socket values overridden
     * by {@code templateVariables}.
     */
    @Run
    public Result run(@Input(value = "template", optional = true) String template,
            @Input(value = "template_variables", optional = true) Map<String, Object> templateVariables,
            @DynamicInputs Map<String, Object> socketValues) {
        Map<String, Object> combined = TemplateVariables.combine(socketValues, templateVariables);
        variables.validate(combined.keySet(), "PromptBuilder");
        Template t = template != null ? templates.compile(template) : compiled;
        return new Result(templates.render(t, combined));
    }

    /**
     * Renders with {@code values}, like Haystack's {@code builder.run(**values)}: variables left
     * out are undefined (they print "" and {@code default(...)} applies).
     */
    public String render(Map<String, ?> values) {
        return run(null, null, new LinkedHashMap<>(values)).prompt();
    }

    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("template", template);
        init.put("variables", variables.declared() == null ? null : new java.util.ArrayList<>(variables.declared()));
        init.put("required_variables", variables.requiredForDict());
        return Components.dict(this, init);
    }

    /** Rebuilds from {@link #toDict()} output. */
    public static PromptBuilder fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, PromptBuilder.class);
    }

    static PromptBuilder fromInitParameters(DictReader init, DeserializationContext ctx) {
        TemplateVariables.Required req = TemplateVariables.readRequired(init);
        Builder b = builder(init.requireString("template")).variables(init.optionalStringList("variables"))
                .requiredVariables(req.names());
        if (req.all()) {
            b.allVariablesRequired();
        }
        return b.build();
    }

    /** Builds {@link PromptBuilder}s. */
    public static final class Builder {
        private final String template;
        private List<String> variables;
        private List<String> required;
        private boolean allRequired;
        private Clock clock = Clock.systemDefaultZone();

        private Builder(String template) {
            this.template = template;
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

        /** Every variable must be given (Haystack's {@code required_variables="*"}). */
        public Builder allVariablesRequired() {
            this.allRequired = true;
            return this;
        }

        /** The clock {@code {% now %}} reads (tests freeze it; not serialised). */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The builder.
         *
         * @throws IllegalArgumentException naming {@code template} (and the line) when it does not parse
         */
        public PromptBuilder build() {
            return new PromptBuilder(this);
        }
    }
}
