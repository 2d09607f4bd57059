package dev.hayloft.openai.internal;

import java.util.List;

/**
 * What {@link OpenAIStream} reads of one chat-completion chunk, as {@link ChunkParser} found
 * it: absent and {@code null} JSON values are both {@code null} here. One mutable instance per
 * stream, overwritten event after event.
 *
 * <pre>{@code
 * StreamingChunkFields f = parser.parse(bytes, length);
 * if (!f.hasChoice) { ... a usage-only chunk ... }
 * }</pre>
 */
final class StreamingChunkFields {
    /** {@code model}. */
    String model;
    /** {@code usage} as plain Java values. */
    Object usage;
    /** Whether {@code choices} had a first element. */
    boolean hasChoice;
    /** {@code choices[0].index} (0 when absent). */
    int choiceIndex;
    /** {@code choices[0].finish_reason}, as received. */
    String finishReason;
    /** {@code choices[0].delta.content}. */
    String content;
    /** Whether {@code choices[0].delta.role} was present and not null. */
    boolean hasRole;
    /** {@code choices[0].delta.refusal}. */
    String refusal;
    /** {@code choices[0].delta.tool_calls} as plain Java values (maps). */
    List<?> toolCalls;
    /** Azure's {@code prompt_filter_results} of the chunk, as plain Java values. */
    Object promptFilterResults;
    /** Azure's {@code choices[0].content_filter_results}, as plain Java values. */
    Object contentFilterResults;
    /** The last model name seen, kept across events so that equal names share one String. */
    String previousModel;

    void reset() {
        model = null;
        usage = null;
        hasChoice = false;
        choiceIndex = 0;
        finishReason = null;
        content = null;
        hasRole = false;
        refusal = null;
        toolCalls = null;
        promptFilterResults = null;
        contentFilterResults = null;
    }
}
