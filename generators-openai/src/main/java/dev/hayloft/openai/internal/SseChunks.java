package dev.hayloft.openai.internal;

import com.openai.errors.OpenAIInvalidDataException;
import dev.hayloft.core.http.ErrorBodyException;
import dev.hayloft.core.http.MalformedResponseException;
import dev.hayloft.core.http.SseEventReader;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a chat-completions server-sent-event stream from the raw response body with core's
 * {@link SseEventReader} (line endings, comments, {@code [DONE]}, the 64 MiB limit), instead of
 * openai-java's stream handler: each event's bytes are parsed once, by one parser per stream
 * ({@link ChunkParser}), and handed to an {@link OpenAIStream}, with no intermediate strings or
 * trees, and the end of the stream is known: {@code [DONE]} seen (a clean end) or not (cut
 * short). An event whose JSON has a non-null {@code error} fails with an
 * {@link ErrorBodyException}; {@code "error": null} inside a chunk is no error (openai-java
 * treats it as one).
 *
 * <pre>{@code
 * boolean done = SseChunks.read(response.body(), stream);
 * ChatMessage reply = stream.finish(done);
 * }</pre>
 */
public final class SseChunks {
    private SseChunks() {
    }

    /**
     * Passes each chunk of {@code body} to {@code sink}; true when the stream ended with
     * {@code [DONE]}. Does not close {@code body}.
     *
     * @throws UncheckedIOException when reading fails (a cut connection, a timeout)
     * @throws ErrorBodyException for an error event
     * @throws OpenAIInvalidDataException for an event that is not one JSON object
     */
    public static boolean read(InputStream body, OpenAIStream sink) {
        ChunkParser parser = new ChunkParser();
        try {
            return SseEventReader.read(body, (data, length) -> sink.accept(parser.parse(data, length)));
        } catch (MalformedResponseException e) {
            throw new OpenAIInvalidDataException(e.getMessage(), e);
        } finally {
            parser.close();
        }
    }
}
