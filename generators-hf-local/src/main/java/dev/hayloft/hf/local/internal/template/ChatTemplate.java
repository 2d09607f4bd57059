package dev.hayloft.hf.local.internal.template;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled Hugging Face chat template: a sandboxed interpreter for the Jinja2 subset that real
 * {@code chat_template}s use, rendering exactly (byte for byte) what transformers'
 * {@code tokenizer.apply_chat_template(..., tokenize=False)} renders. It reproduces transformers'
 * Jinja environment: {@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)}
 * with the loop controls and {@code generation} extensions, its {@code tojson} filter,
 * {@code raise_exception} and {@code strftime_now}; values behave as Python values.
 *
 * <p>Compile once and reuse: a {@code ChatTemplate} is immutable and thread-safe; each
 * {@link #render} call has its own state. Use {@link ChatTemplateContext} to build the context
 * the way {@code apply_chat_template} does. All failures throw {@link ChatTemplateException}
 * (with the template line and column); {@link TemplateLimits} bound the work a render may do.
 *
 * <pre>{@code
 * ChatTemplate template = ChatTemplate.compile(tokenizerConfig.get("chat_template"));
 * Map<String, Object> context = ChatTemplateContext.builder()
 *         .messages(List.of(Map.of("role", "user", "content", "Hi!")))
 *         .addGenerationPrompt(true)
 *         .specialTokens(ChatTemplateContext.specialTokens(tokenizerConfig))
 *         .build();
 * String prompt = template.render(context);
 * }</pre>
 */
public final class ChatTemplate {
    private final String source;
    private final List<Node.Stmt> body;
    private final TemplateLimits limits;
    private final Clock clock;

    private ChatTemplate(String source, List<Node.Stmt> body, TemplateLimits limits, Clock clock) {
        this.source = source;
        this.body = body;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Parses a template with the {@link TemplateLimits#DEFAULT default limits} and the system clock.
     *
     * @throws ChatTemplateException of kind {@code SYNTAX} when the source does not parse
     */
    public static ChatTemplate compile(String source) {
        return compile(source, TemplateLimits.DEFAULT);
    }

    /** Parses a template; {@code limits.maxNesting()} also bounds how deeply its syntax may nest. */
    public static ChatTemplate compile(String source, TemplateLimits limits) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(limits, "limits");
        try {
            return new ChatTemplate(source, List.copyOf(Parser.parse(source, limits.maxNesting())), limits,
                    Clock.systemDefaultZone());
        } catch (StackOverflowError e) {
            throw ChatTemplateException.syntax("the template nests too deeply", 0, 0);
        }
    }

    /** The same template reading {@code strftime_now}'s date and time from {@code clock}. */
    public ChatTemplate withClock(Clock clock) {
        return new ChatTemplate(source, body, limits, Objects.requireNonNull(clock, "clock"));
    }

    /** The same template rendering under other limits. */
    public ChatTemplate withLimits(TemplateLimits limits) {
        return new ChatTemplate(source, body, Objects.requireNonNull(limits, "limits"), clock);
    }

    /** The template source as given. */
    public String source() {
        return source;
    }

    /**
     * Renders with the given variables (maps, lists, strings, numbers, booleans and nulls; they
     * are copied, never modified).
     *
     * @throws ChatTemplateException when rendering fails or the template calls {@code raise_exception}
     * @throws IllegalArgumentException when the context holds a value of another Java type
     */
    public String render(Map<String, ?> context) {
        Map<String, Object> vars = new LinkedHashMap<>();
        context.forEach((k, v) -> vars.put(k, JavaValues.toPython(v)));
        RenderState state = new RenderState(limits, clock);
        try {
            return new Interpreter(state, vars).render(body);
        } catch (StackOverflowError e) {
            throw ChatTemplateException.of(ChatTemplateException.Kind.LIMIT, "the template recursed too deeply");
        } catch (ChatTemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ChatTemplateException(ChatTemplateException.Kind.RUNTIME, "internal error: " + e, 0, 0, e);
        }
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + source.length() + " chars]";
    }
}
