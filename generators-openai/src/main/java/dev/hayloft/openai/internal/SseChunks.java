package dev.hayloft.openai.internal;

import com.openai.errors.OpenAIInvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads a chat-completions server-sent-event stream from the raw response body, instead of
 * openai-java's stream handler: each event's bytes are parsed once, by one parser per stream ({@link ChunkParser}), and
 * handed to an {@link OpenAIStream}, with no intermediate strings or trees, and the end of the
 * stream is known: {@code [DONE]} seen (a clean end) or not (cut short). An event whose JSON has
 * a non-null {@code error} fails with an {@link ErrorBodyException}; {@code "error": null}
 * inside a chunk is no error (openai-java treats it as one). Lines may end with LF, CRLF or CR;
 * an event's {@code data:} lines are joined with LF; comments ({@code :}) and the
 * {@code event:}, {@code id:} and {@code retry:} fields are ignored. An event left
 * unterminated when the body ends is discarded, as the SSE specification says, except a final
 * {@code [DONE]} missing its blank line. An event over 64 MiB fails.
 *
 * <pre>{@code
 * boolean done = SseChunks.read(response.body(), stream);
 * ChatMessage reply = stream.finish(done);
 * }</pre>
 */
public final class SseChunks {
    private static final int MAX_EVENT_BYTES = 64 << 20;
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final InputStream body;
    private final OpenAIStream sink;
    private final ChunkParser parser = new ChunkParser();
    private final byte[] in = new byte[16 * 1024];
    private byte[] line = new byte[1024];
    private int lineLength;
    private byte[] event = new byte[1024];
    private int eventLength = -1;   // -1: no data line in the current event yet

    private SseChunks(InputStream body, OpenAIStream sink) {
        this.body = body;
        this.sink = sink;
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
        SseChunks reader = new SseChunks(body, sink);
        try {
            return reader.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.parser.close();
        }
    }

    private boolean run() throws IOException {
        boolean afterCr = false;
        for (int n = body.read(in); n != -1; n = body.read(in)) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                byte b = in[i];
                if (b == '\n' || b == '\r') {
                    if (b == '\n' && afterCr && i == start && lineLength == 0) {
                        afterCr = false;   // the LF of a CRLF
                        start = i + 1;
                        continue;
                    }
                    appendLine(start, i);
                    afterCr = b == '\r';
                    start = i + 1;
                    if (endOfLine()) {
                        return true;
                    }
                } else {
                    afterCr = false;
                }
            }
            appendLine(start, n);
        }
        // the body ended: a [DONE] whose blank line never came still ends the stream cleanly
        if (lineLength > 0 && endOfLine()) {
            return true;
        }
        return eventLength >= 0 && isDone();
    }

    private void appendLine(int from, int to) {
        int len = to - from;
        if (len == 0) {
            return;
        }
        if (lineLength + len > MAX_EVENT_BYTES) {
            throw new OpenAIInvalidDataException("An event of the response stream is larger than 64 MiB");
        }
        if (lineLength + len > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + len));
        }
        System.arraycopy(in, from, line, lineLength, len);
        lineLength += len;
    }

    /** Handles the line collected; true when it ended the stream with {@code [DONE]}. */
    private boolean endOfLine() {
        int len = lineLength;
        lineLength = 0;
        if (len == 0) {
            return dispatch();
        }
        if (len >= 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':') {
            int from = len > 5 && line[5] == ' ' ? 6 : 5;
            appendData(from, len);
        }
        return false;
    }

    private void appendData(int from, int to) {
        int len = to - from;
        int at = eventLength < 0 ? 0 : eventLength + 1;
        if (at + len > MAX_EVENT_BYTES) {
            throw new OpenAIInvalidDataException("An event of the response stream is larger than 64 MiB");
        }
        if (at + len > event.length) {
            event = Arrays.copyOf(event, Math.max(event.length * 2, at + len));
        }
        if (eventLength >= 0) {
            event[eventLength] = '\n';
        }
        System.arraycopy(line, from, event, at, len);
        eventLength = at + len;
    }

    private boolean dispatch() {
        int len = eventLength;
        if (len < 0) {
            return false;
        }
        eventLength = -1;
        if (isDone(len)) {
            return true;
        }
        if (!isBlank(len)) {
            sink.accept(parser.parse(event, len));
        }
        return false;
    }

    private boolean isDone() {
        return isDone(eventLength);
    }

    private boolean isDone(int len) {
        if (len < DONE.length) {
            return false;
        }
        for (int i = 0; i < DONE.length; i++) {
            if (event[i] != DONE[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean isBlank(int len) {
        for (int i = 0; i < len; i++) {
            byte b = event[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
