package dev.hayloft.templates;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled Jinja2 template: a sandboxed interpreter that renders exactly (byte for byte) what
 * Jinja2 3.1 renders for the same source, context and {@link TemplateEnvironment} settings.
 * Values behave as Python values (see {@link Python}); Java objects are reached only through
 * {@link TemplateObject}, never through reflection.
 *
 * <p>Compile once and reuse: a {@code Template} is immutable and thread-safe; each
 * {@link #render} call has its own state. All failures throw {@link TemplateException} (with the
 * template line and column); {@link TemplateLimits} bound the work a render may do.
 *
 * <pre>{@code
 * Template prompt = TemplateEnvironment.haystack().compile(
 *         "Answer from:\n{% for doc in documents %}- {{ doc }}\n{% endfor %}Q: {{ query }}");
 * String text = prompt.render(Map.of("documents", List.of("Paris is in France."), "query", "Where is Paris?"));
 * List<String> inputs = prompt.undeclaredVariables();   // [documents, query]
 * }</pre>
 */
public final class Template {
    private final String source;
    private final List<Node.Stmt> body;
    private final TemplateEnvironment environment;

    private Template(String source, List<Node.Stmt> body, TemplateEnvironment environment) {
        this.source = source;
        this.body = body;
        this.environment = environment;
    }

    /**
     * Parses {@code source} in {@code environment} ({@code environment.limits().maxNesting()} also
     * bounds how deeply its syntax may nest).
     *
     * @throws TemplateException of kind {@code SYNTAX} when the source does not parse
     */
    public static Template compile(String source, TemplateEnvironment environment) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(environment, "environment");
        try {
            return new Template(source, List.copyOf(Parser.parse(source, environment)), environment);
        } catch (StackOverflowError e) {
            throw TemplateException.syntax("the template nests too deeply", 0, 0);
        }
    }

    /** The same template reading {@code strftime_now}'s and {@code now}'s date and time from {@code clock}. */
    public Template withClock(Clock clock) {
        return new Template(source, body, environment.toBuilder().clock(clock).build());
    }

    /** The same template rendering under other limits. */
    public Template withLimits(TemplateLimits limits) {
        return new Template(source, body, environment.toBuilder().limits(limits).build());
    }

    /** The template source as given. */
    public String source() {
        return source;
    }

    /** The environment the template was compiled in. */
    public TemplateEnvironment environment() {
        return environment;
    }

    /**
     * The variables the template reads from its context without defining them itself, in order
     * of first use (Jinja2's {@code meta.find_undeclared_variables}, which returns a set).
     */
    public List<String> undeclaredVariables() {
        return Variables.undeclared(body, environment);
    }

    /**
     * Renders with the given variables: strings, numbers, booleans, {@code null}, maps, lists
     * (any {@link Iterable} or array) and {@link TemplateObject}s. They are copied, never modified.
     *
     * @throws TemplateException when rendering fails or the template calls {@code raise_exception}
     * @throws IllegalArgumentException when the context holds a value of another Java type
     */
    public String render(Map<String, ?> context) {
        Objects.requireNonNull(context, "context");
        Map<String, Object> vars = new LinkedHashMap<>();
        context.forEach((k, v) -> vars.put(k, JavaValues.toPython(v)));
        RenderState state = new RenderState(environment);
        try {
            return new Interpreter(state, vars).render(body);
        } catch (StackOverflowError e) {
            throw TemplateException.of(TemplateException.Kind.LIMIT, "the template recursed too deeply");
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateException(TemplateException.Kind.RUNTIME, "internal error: " + e, 0, 0, e);
        }
    }

    @Override
    public String toString() {
        return "Template[" + source.length() + " chars]";
    }
}
