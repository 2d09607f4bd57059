package dev.hayloft.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads a server-sent-event stream byte by byte from a response body and hands each event's
 * {@code data} (its {@code data:} lines joined with LF) to a handler as bytes, with no
 * intermediate strings, so that a provider module can parse each event once. Lines may end
 * with LF, CRLF or CR; comments ({@code :}, e.g. keep-alives) and the {@code event:},
 * {@code id:} and {@code retry:} fields are ignored, as are events whose data is blank. The
 * OpenAI-style terminator {@code [DONE]} ends the stream; an event left unterminated when the
 * body ends is discarded, as the SSE specification says, except a final {@code [DONE]}
 * missing its blank line. An event over 64 MiB fails with a {@link MalformedResponseException}.
 *
 * <pre>{@code
 * boolean done = SseEventReader.read(body, (data, length) -> sink.accept(parser.parse(data, length)));
 * }</pre>
 */
public final class SseEventReader {
    private static final int MAX_EVENT_BYTES = 64 << 20;
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final InputStream body;
    private final EventHandler handler;
    private final byte[] in = new byte[16 * 1024];
    private byte[] line = new byte[1024];
    private int lineLength;
    private byte[] event = new byte[1024];
    private int eventLength = -1;   // -1: no data line in the current event yet

    private SseEventReader(InputStream body, EventHandler handler) {
        this.body = body;
        this.handler = handler;
    }

    /**
     * Receives the data of each event.
     *
     * <pre>{@code
     * SseEventReader.EventHandler print = (data, length) ->
     *         System.out.println(new String(data, 0, length, StandardCharsets.UTF_8));
     * }</pre>
     */
    @FunctionalInterface
    public interface EventHandler {
        /** One event's data: the first {@code length} bytes of {@code data} (reused after the call returns). */
        void onEvent(byte[] data, int length);
    }

    /**
     * Passes the data of each event of {@code body} to {@code handler}; true when the stream
     * ended with {@code [DONE]}, false when the body ended without it. Does not close
     * {@code body}.
     *
     * @throws UncheckedIOException when reading fails (a cut connection, a timeout)
     * @throws MalformedResponseException for an event over 64 MiB
     */
    public static boolean read(InputStream body, EventHandler handler) {
        try {
            return new SseEventReader(body, handler).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            throw new MalformedResponseException("An event of the response stream is larger than 64 MiB");
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
            throw new MalformedResponseException("An event of the response stream is larger than 64 MiB");
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
            handler.onEvent(event, len);
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
