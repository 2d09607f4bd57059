package dev.hayloft.core.dataclasses;

/**
 * Why a generation ended, following OpenAI's values plus Haystack's
 * {@code tool_call_results}.
 *
 * <pre>{@code
 * if (chunk.finishReason() == FinishReason.LENGTH) {
 *     System.err.println("truncated: raise max_new_tokens");
 * }
 * }</pre>
 */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool_calls"),
    CONTENT_FILTER("content_filter"),
    TOOL_CALL_RESULTS("tool_call_results");

    private final String value;

    FinishReason(String value) {
        this.value = value;
    }

    /** The wire value, e.g. {@code "tool_calls"}. */
    public String value() {
        return value;
    }

    /** Parses a wire value; {@code null} stays {@code null}; unknown values fail. */
    public static FinishReason fromValue(String value) {
        if (value == null) {
            return null;
        }
        for (FinishReason r : values()) {
            if (r.value.equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown finish reason '" + value + "'");
    }

    /**
     * Maps a provider's finish reason onto ours ({@code function_call} → {@code tool_calls},
     * TGI's {@code eos_token}/{@code stop_sequence} → {@code stop}); {@code null} for unknown.
     */
    public static FinishReason normalize(String providerValue) {
        if (providerValue == null) {
            return null;
        }
        switch (providerValue) {
            case "stop":
            case "eos_token":
            case "stop_sequence":
            case "end_turn":
                return STOP;
            case "length":
            case "max_tokens":
                return LENGTH;
            case "tool_calls":
            case "function_call":
                return TOOL_CALLS;
            case "content_filter":
                return CONTENT_FILTER;
            case "tool_call_results":
                return TOOL_CALL_RESULTS;
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
