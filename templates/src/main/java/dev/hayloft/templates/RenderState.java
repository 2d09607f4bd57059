package dev.hayloft.templates;

import java.time.Clock;

/**
 * The per-render mutable state: the limits being enforced, the work done so far, the macro
 * call depth, the clock {@code strftime_now} reads and the interpreter (for macros and callers).
 * One instance per {@link Template#render} call; never shared between threads.
 *
 * <pre>{@code
 * RenderState st = new RenderState(TemplateEnvironment.jinja2());
 * st.work(text.length());                  // charge characters scanned or built
 * BoundedText out = st.text();             // a builder that refuses to grow past the limit
 * }</pre>
 */
final class RenderState {
    private final TemplateEnvironment environment;
    private final TemplateLimits limits;
    private final Clock clock;
    private long work;
    private int callDepth;
    private Interpreter interpreter;
    private java.util.Random random;
    /** The strings Jinja2 would hold as {@code Markup} (results of escape, safe, tojson), by identity. */
    private final java.util.Set<Object> markup = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    RenderState(TemplateEnvironment environment) {
        this.environment = environment;
        this.limits = environment.limits();
        this.clock = environment.clock();
    }

    TemplateEnvironment environment() {
        return environment;
    }

    TemplateLimits limits() {
        return limits;
    }

    Clock clock() {
        return clock;
    }

    /** {@code text} as markup: a fresh string object remembered as safe (escaping it again leaves it as is). */
    String markSafe(String text) {
        @SuppressWarnings("StringOperationCanBeSimplified")
        String fresh = new String(text);
        markup.add(fresh);
        return fresh;
    }

    /** Whether {@code value} is a string this render made markup ({@link #markSafe}). */
    boolean isMarkup(Object value) {
        return value instanceof String && markup.contains(value);
    }

    /** The render's random source (seeded from the environment when it has a seed). */
    java.util.Random random() {
        if (random == null) {
            random = environment.randomSeed().map(java.util.Random::new).orElseGet(java.util.Random::new);
        }
        return random;
    }

    Interpreter interpreter() {
        if (interpreter == null) {
            throw TemplateException.runtime("no interpreter is running");
        }
        return interpreter;
    }

    void attach(Interpreter running) {
        this.interpreter = running;
    }

    /** Charges one evaluation step. */
    void step() {
        work(1);
    }

    /** Charges {@code units} of work (steps, characters or items). */
    void work(long units) {
        work += units;
        if (work > limits.maxWork()) {
            throw limit("the render exceeded its work budget of " + limits.maxWork()
                    + " steps, characters and items");
        }
    }

    /** Fails when a string or list of {@code length} would pass the size bound; charges it otherwise. */
    void checkSize(long length) {
        if (length > limits.maxOutputChars()) {
            throw limit("a value of " + length + " characters or items exceeds the limit of "
                    + limits.maxOutputChars());
        }
        work(length);
    }

    /** A new size-bounded text builder. */
    BoundedText text() {
        return new BoundedText(this);
    }

    /** Enters a macro or caller body, failing past the depth bound. */
    void enterCall(String name) {
        if (++callDepth > limits.maxCallDepth()) {
            callDepth--;
            throw limit("macro calls nested deeper than " + limits.maxCallDepth() + " (in " + name + ")");
        }
    }

    void exitCall() {
        callDepth--;
    }

    int nestingLimit() {
        return limits.maxNesting();
    }

    static TemplateException limit(String message) {
        return TemplateException.of(TemplateException.Kind.LIMIT, message);
    }
}
