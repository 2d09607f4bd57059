package dev.hayloft.hf.local.internal.template;

import java.time.Clock;

/**
 * The per-render mutable state: the limits being enforced, the work done so far, the macro
 * call depth, the clock {@code strftime_now} reads and the interpreter (for macros and callers).
 * One instance per {@link ChatTemplate#render} call; never shared between threads.
 *
 * <pre>{@code
 * RenderState st = new RenderState(TemplateLimits.DEFAULT, Clock.systemDefaultZone());
 * st.work(text.length());                  // charge characters scanned or built
 * BoundedText out = st.text();             // a builder that refuses to grow past the limit
 * }</pre>
 */
final class RenderState {
    private final TemplateLimits limits;
    private final Clock clock;
    private long work;
    private int callDepth;
    private Interpreter interpreter;

    RenderState(TemplateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    TemplateLimits limits() {
        return limits;
    }

    Clock clock() {
        return clock;
    }

    Interpreter interpreter() {
        if (interpreter == null) {
            throw ChatTemplateException.runtime("no interpreter is running");
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

    static ChatTemplateException limit(String message) {
        return ChatTemplateException.of(ChatTemplateException.Kind.LIMIT, message);
    }
}
