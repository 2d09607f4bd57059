package dev.hayloft.core.dataclasses;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Receives the {@link StreamingChunk}s of a reply as they arrive.
 *
 * <p>Generators take one at build time and one per call; the per-call callback wins (see
 * {@link #select}). To keep a generator serialisable, give the callback a name with
 * {@link #named}: {@code toDict} writes the name, and {@code fromDict} finds the callback
 * under that name in the component registry. {@link #printStreamingChunk()} is registered as
 * {@value #PRINT_STREAMING_CHUNK} (and under Haystack's
 * {@code haystack.components.generators.utils.print_streaming_chunk}).
 *
 * <pre>{@code
 * StreamingCallback toConsole = StreamingCallback.printStreamingChunk();
 * StreamingCallback mine = StreamingCallback.named("myapp.ui", chunk -> ui.append(chunk.content()));
 * generator.run(messages, null, null, mine);
 * }</pre>
 */
@FunctionalInterface
public interface StreamingCallback {
    /** The registered name of {@link #printStreamingChunk()}. */
    String PRINT_STREAMING_CHUNK = "print_streaming_chunk";

    /** Handles one chunk. Runs on the thread that reads the stream; keep it quick. */
    void onChunk(StreamingChunk chunk);

    /** The run-time callback when given, else the init-time one (either may be null). */
    static StreamingCallback select(StreamingCallback initCallback, StreamingCallback runtimeCallback) {
        return runtimeCallback != null ? runtimeCallback : initCallback;
    }

    /** Gives {@code callback} a name under which it serialises. */
    static StreamingCallback named(String name, StreamingCallback callback) {
        return new Named(name, callback);
    }

    /** The name a callback serialises under, or {@code null} when it has none. */
    static String nameOf(StreamingCallback callback) {
        return callback instanceof Named ? ((Named) callback).name() : null;
    }

    /** Prints chunks to standard output the way Haystack's {@code print_streaming_chunk} does. */
    static StreamingCallback printStreamingChunk() {
        return named(PRINT_STREAMING_CHUNK, printingTo(System.out));
    }

    /** Prints chunks to {@code out} in Haystack's {@code print_streaming_chunk} format. */
    static StreamingCallback printingTo(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return chunk -> {
            StringBuilder sb = new StringBuilder();
            Integer index = chunk.index();
            if (chunk.start() && index != null && index > 0) {
                sb.append("\n\n");
            }
            if (chunk.hasToolCalls()) {
                for (ToolCallDelta call : chunk.toolCalls()) {
                    if (chunk.start()) {
                        if (index != null && index != 0 && call.index() > index) {
                            sb.append("\n\n");
                        }
                        sb.append("[TOOL CALL]\nTool: ").append(call.toolName()).append(" \nArguments: ");
                    }
                    if (call.arguments() != null && !call.arguments().isEmpty()) {
                        sb.append(call.arguments());
                    }
                }
            }
            if (chunk.toolCallResult() != null) {
                sb.append("[TOOL RESULT]\n").append(chunk.toolCallResult().result());
            }
            if (!chunk.content().isEmpty()) {
                if (chunk.start()) {
                    sb.append("[ASSISTANT]\n");
                }
                sb.append(chunk.content());
            }
            if (chunk.reasoning() != null) {
                if (chunk.start()) {
                    sb.append("[REASONING]\n");
                }
                sb.append(chunk.reasoning().reasoningText());
            }
            if (chunk.finishReason() != null) {
                sb.append("\n\n");
            }
            out.print(sb);
            out.flush();
        };
    }

    /**
     * A callback with a serialisation name.
     *
     * @param name the registered name
     * @param delegate the callback
     */
    record Named(String name, StreamingCallback delegate) implements StreamingCallback {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(delegate, "delegate");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }

        @Override
        public void onChunk(StreamingChunk chunk) {
            delegate.onChunk(chunk);
        }
    }
}
