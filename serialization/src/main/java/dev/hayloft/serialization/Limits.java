package dev.hayloft.serialization;

/**
 * Bounds applied when reading YAML or JSON, so that hostile documents fail fast instead of
 * exhausting memory or the stack.
 *
 * <pre>{@code
 * Marshaller yaml = YamlMarshaller.create(Limits.DEFAULT.withMaxChars(1_000_000));
 * }</pre>
 *
 * @param maxChars largest accepted document, in characters
 * @param maxDepth deepest accepted nesting of mappings and sequences
 * @param maxAliases most YAML alias references to collections (billion-laughs guard)
 */
public record Limits(int maxChars, int maxDepth, int maxAliases) {
    /** 10 MB, depth 100, 50 aliases. */
    public static final Limits DEFAULT = new Limits(10 * 1024 * 1024, 100, 50);

    public Limits {
        if (maxChars < 1 || maxDepth < 1 || maxAliases < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxChars + ", " + maxDepth + ", "
                    + maxAliases);
        }
    }

    public Limits withMaxChars(int chars) {
        return new Limits(chars, maxDepth, maxAliases);
    }

    public Limits withMaxDepth(int depth) {
        return new Limits(maxChars, depth, maxAliases);
    }

    public Limits withMaxAliases(int aliases) {
        return new Limits(maxChars, maxDepth, aliases);
    }
}
