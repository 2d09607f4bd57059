package dev.hayloft.core.listener;

import java.util.Map;

/**
 * Token counts of a request, when the provider reported them.
 *
 * <pre>{@code
 * TokenUsage u = TokenUsage.fromMeta(reply.meta().get("usage"));
 * if (u.outputTokens() != null) histogram.record(u.outputTokens());
 * }</pre>
 *
 * @param inputTokens prompt tokens, or null when unknown
 * @param outputTokens completion tokens, or null when unknown
 */
public record TokenUsage(Integer inputTokens, Integer outputTokens) {
    /** No counts known. */
    public static final TokenUsage UNKNOWN = new TokenUsage(null, null);

    /** Input plus output tokens, or null when either is unknown. */
    public Integer totalTokens() {
        return inputTokens == null || outputTokens == null ? null : inputTokens + outputTokens;
    }

    /** Whether any count is known. */
    public boolean isKnown() {
        return inputTokens != null || outputTokens != null;
    }

    /** This usage plus {@code other} (unknown counts count as unknown only when both are). */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(sum(inputTokens, other.inputTokens), sum(outputTokens, other.outputTokens));
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(a + b);
    }

    /**
     * Reads a reply's {@code meta["usage"]} map: {@code prompt_tokens}/{@code completion_tokens}
     * (OpenAI, Haystack's local generators) or {@code input_tokens}/{@code output_tokens};
     * {@link #UNKNOWN} for anything else.
     */
    public static TokenUsage fromMeta(Object usage) {
        if (!(usage instanceof Map)) {
            return UNKNOWN;
        }
        Map<?, ?> m = (Map<?, ?>) usage;
        Integer in = count(m.get("prompt_tokens"), m.get("input_tokens"));
        Integer out = count(m.get("completion_tokens"), m.get("output_tokens"));
        return in == null && out == null ? UNKNOWN : new TokenUsage(in, out);
    }

    private static Integer count(Object first, Object second) {
        Object v = first != null ? first : second;
        return v instanceof Number ? Integer.valueOf(((Number) v).intValue()) : null;
    }
}
