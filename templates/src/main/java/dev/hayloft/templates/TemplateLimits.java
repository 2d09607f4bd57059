package dev.hayloft.templates;

/**
 * Bounds that keep a hostile chat template from hanging or exhausting memory. Passing a
 * bound throws a {@link TemplateException} of kind {@link TemplateException.Kind#LIMIT}.
 *
 * <pre>{@code
 * Template t = Template.compile(source)
 *         .withLimits(TemplateLimits.DEFAULT.withMaxOutputChars(1_000_000));
 * }</pre>
 *
 * @param maxOutputChars  longest rendered text, and longest string any expression may build
 * @param maxWork         budget of evaluation steps plus characters/items built or scanned
 * @param maxCallDepth    deepest nesting of macro calls
 * @param maxNesting      deepest nesting of template syntax and of values (lists in lists...)
 */
public record TemplateLimits(int maxOutputChars, long maxWork, int maxCallDepth, int maxNesting) {
    /** 8 Mi characters of output, 64 Mi units of work, 64 nested calls, 200 nesting levels. */
    public static final TemplateLimits DEFAULT = new TemplateLimits(8 << 20, 64L << 20, 64, 200);

    /** Validates that every bound is positive. */
    public TemplateLimits {
        if (maxOutputChars <= 0 || maxWork <= 0 || maxCallDepth <= 0 || maxNesting <= 0) {
            throw new IllegalArgumentException("template limits must be positive");
        }
    }

    /** A copy with another output bound. */
    public TemplateLimits withMaxOutputChars(int chars) {
        return new TemplateLimits(chars, maxWork, maxCallDepth, maxNesting);
    }

    /** A copy with another work budget. */
    public TemplateLimits withMaxWork(long work) {
        return new TemplateLimits(maxOutputChars, work, maxCallDepth, maxNesting);
    }

    /** A copy with another call-depth bound. */
    public TemplateLimits withMaxCallDepth(int depth) {
        return new TemplateLimits(maxOutputChars, maxWork, depth, maxNesting);
    }

    /** A copy with another nesting bound. */
    public TemplateLimits withMaxNesting(int nesting) {
        return new TemplateLimits(maxOutputChars, maxWork, maxCallDepth, nesting);
    }
}
