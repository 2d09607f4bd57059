package dev.hayloft.core.internal;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ContentPart;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja rendering for prompt builders on Jinjava, configured like Haystack's sandboxed Jinja2
 * environment as far as Jinjava allows: Python-style printing of lists and dicts, iteration
 * over dict keys, natural operator precedence, bounded output, no reflective method access.
 * Records passed as variables (e.g. {@code Document}, {@code ChatMessage}) are exposed with
 * their snake_case component names, so {@code {{ doc.content }}} works as in Haystack.
 *
 * <pre>{@code
 * String text = JinjaTemplates.render("Hi {{ name }}", Map.of("name", "Ada"));
 * List<String> vars = JinjaTemplates.undeclaredVariables("{{ a }}{% set b = 1 %}{{ b }}");   // [a]
 * }</pre>
 */
public final class JinjaTemplates {
    private static final long MAX_OUTPUT = 16L * 1024 * 1024;
    /** Key under which a content part's view carries its serialised form, for {@code templatize_part}. */
    static final String CONTENT_PART_KEY = "__hayloft_content_part__";
    private static final Jinjava JINJAVA = create();

    private JinjaTemplates() {
    }

    private static Jinjava create() {
        LegacyOverrides overrides = LegacyOverrides.newBuilder().withUsePyishObjectMapper(true)
                .withEvaluateMapKeys(true).withIterateOverMapKeys(true).withUseNaturalOperatorPrecedence(true)
                .withParseWhitespaceControlStrictly(true).withKeepNullableLoopValues(true)
                .withHandleBackslashInQuotesOnly(true).build();
        JinjavaConfig config = JinjavaConfig.newBuilder().withLegacyOverrides(overrides)
                .withMaxOutputSize(MAX_OUTPUT).withMaxRenderDepth(20).withMaxMacroRecursionDepth(20)
                .withEnableRecursiveMacroCalls(false).withMaxStringLength(MAX_OUTPUT).withRangeLimit(100_000)
                .withNestedInterpretationEnabled(false).build();
        Jinjava j = new Jinjava(config);
        j.getGlobalContext().registerTag(new ChatMessageTag());
        j.getGlobalContext().registerFilter(new TemplatizePartFilter());
        return j;
    }

    /**
     * Renders {@code template} with {@code variables}; template errors (syntax, failed
     * expression) become an {@link IllegalArgumentException} with their line numbers. Check a
     * template once with {@link #validate} (or {@link #undeclaredVariables}) before rendering it.
     */
    public static String render(String template, Map<String, ?> variables) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        // Jinjava loops once over a string, Jinja not at all over "": the builders' default for an
        // unset variable is "", so it is passed as null (prints "", falsy, iterates nothing).
        variables.forEach((k, v) -> ctx.put(k, "".equals(v) ? null : view(v)));
        RenderResult result = JINJAVA.renderForResult(template, ctx);
        List<String> fatal = new ArrayList<>();
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                Throwable root = e.getException();
                while (root != null && root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                String detail = root != null && root.getMessage() != null ? root.getMessage() : e.getMessage();
                fatal.add("line " + e.getLineno() + ": " + detail);
            }
        }
        if (!fatal.isEmpty()) {
            throw new IllegalArgumentException("Template error: " + String.join("; ", fatal));
        }
        return result.getOutput();
    }

    /** The variables {@code template} reads without defining them, in order of first use. */
    public static List<String> undeclaredVariables(String template) {
        return analyse(template).variables();
    }

    /** Checks that {@code template} parses and uses only known filters (Jinja2 checks this at compile time). */
    public static void validate(String template) {
        analyse(template);
    }

    /** Parses a template; unknown filters are refused (Jinja2 refuses them at compile time). */
    private static JinjaVariables.Usage analyse(String template) {
        JinjavaInterpreter interpreter = JINJAVA.newInterpreter();
        JinjaVariables.Usage usage;
        try {
            usage = JinjaVariables.analyse(interpreter, template);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Template cannot be parsed: " + e.getMessage(), e);
        }
        for (String f : usage.filters()) {
            if (JINJAVA.getGlobalContext().getFilter(f) == null) {
                throw new IllegalArgumentException("Template error: no filter named '" + f + "'");
            }
        }
        return usage;
    }

    /** Exposes records as maps keyed by snake_case component names; recurses into lists and maps. */
    static Object view(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Enum) {
            return v.toString();
        }
        if (v instanceof Map) {
            Map<Object, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> m.put(k, view(x)));
            return m;
        }
        if (v instanceof Collection) {
            List<Object> l = new ArrayList<>();
            for (Object x : (Collection<?>) v) {
                l.add(view(x));
            }
            return l;
        }
        if (v.getClass().isRecord()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (RecordComponent rc : v.getClass().getRecordComponents()) {
                try {
                    rc.getAccessor().setAccessible(true);
                    m.put(Types.snakeCase(rc.getName()), view(rc.getAccessor().invoke(v)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + rc.getName(), e);
                }
            }
            if (v instanceof ContentPart) {
                m.put(CONTENT_PART_KEY, ((ContentPart) v).toContentDict());
            }
            if (v instanceof ChatMessage) {
                m.put("text", ((ChatMessage) v).text());
                m.put("texts", ((ChatMessage) v).texts());
            }
            return m;
        }
        return v;
    }
}
