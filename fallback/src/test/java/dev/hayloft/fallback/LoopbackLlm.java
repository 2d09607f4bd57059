package dev.hayloft.fallback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible Chat Completions server on loopback (the JDK's HTTP server, a pool of
 * many threads), answering each request as a {@link Script} decides: a completion, a stream,
 * an error status, a stream that breaks (error event or cut connection), or a stall. It
 * serves OpenAI's {@code /v1/chat/completions} and Azure's
 * {@code /openai/deployments/<name>/chat/completions} alike. Bodies follow the recordings in
 * {@code src/test/resources/llm} (see the README there).
 */
final class LoopbackLlm implements AutoCloseable {
    /** Decides the reply to each request. */
    @FunctionalInterface
    interface Script {
        Reply reply(Request request) throws Exception;
    }

    /**
     * A received request.
     *
     * @param number its number, from 1, in arrival order at this server
     */
    record Request(int number, String path, String query, Map<String, Object> body, Map<String, String> headers) {
        boolean streaming() {
            return Boolean.TRUE.equals(body.get("stream"));
        }

        /** The text of the last message (our tests' messages are strings). */
        String lastText() {
            List<?> messages = (List<?>) body.get("messages");
            Object content = ((Map<?, ?>) messages.get(messages.size() - 1)).get("content");
            return String.valueOf(content);
        }
    }

    /** How to answer: build with the factories. */
    static final class Reply {
        final int status;
        final String body;
        final Map<String, String> headers;
        final List<String> pieces;
        final String streamEnd; // "done", "error", "cut", "stall", "silent-stall"

        private Reply(int status, String body, Map<String, String> headers, List<String> pieces, String streamEnd) {
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.pieces = pieces;
            this.streamEnd = streamEnd;
        }

        /** A completion of {@code text}, streamed (one chunk per word) when the request asked for a stream. */
        static Reply text(String text) {
            return new Reply(200, text, Map.of(), words(text), "done");
        }

        /** {@code status} with {@code body} (an error object) and extra headers (name, value, ...). */
        static Reply error(int status, String body, String... headers) {
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                h.put(headers[i], headers[i + 1]);
            }
            return new Reply(status, body, h, null, null);
        }

        /** Streams {@code pieces}, then an error event inside the stream (a server error). */
        static Reply streamThenError(String... pieces) {
            return new Reply(200, null, Map.of(), List.of(pieces), "error");
        }

        /** Streams {@code pieces}, then drops the connection in the middle of the stream. */
        static Reply streamThenCut(String... pieces) {
            return new Reply(200, null, Map.of(), List.of(pieces), "cut");
        }

        /** Sends the headers and the role chunk, then nothing but SSE comments until the client hangs up. */
        static Reply stall() {
            return new Reply(200, null, Map.of(), List.of(), "stall");
        }

        /** Accepts the request and sends nothing at all until the server closes. */
        static Reply silentStall() {
            return new Reply(200, null, Map.of(), List.of(), "silent-stall");
        }

        private static List<String> words(String text) {
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ' ') {
                    out.add(text.substring(start, i));
                    start = i;
                }
            }
            return out;
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private volatile Script script;
    private final AtomicInteger count = new AtomicInteger();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Counted down when a stalled request has sent its headers and role chunk. */
    final CountDownLatch stalled = new CountDownLatch(1);
    /** Counted down when a stalled request notices that the client hung up. */
    final CountDownLatch clientGone = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);

    LoopbackLlm(Script script) {
        this(script, 16);
    }

    LoopbackLlm(Script script, int threads) {
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loopback-llm");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Replaces the script for the requests to come. */
    void script(Script script) {
        this.script = script;
    }

    /** The base URL for {@code OpenAIChatGenerator.apiBaseUrl}. */
    String openAIBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The endpoint for {@code AzureOpenAIChatGenerator.azureEndpoint}. */
    String azureEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    int requestCount() {
        return count.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        // closed here, not by try-with-resources: a cut must leave the exchange unclosed (the
        // JDK server then drops the connection instead of ending the chunked body cleanly)
        try {
            Map<String, Object> body;
            try (InputStream in = ex.getRequestBody()) {
                body = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            Request request = new Request(count.incrementAndGet(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getQuery(), body, headers);
            requests.add(request);
            Reply reply;
            try {
                reply = script.reply(request);
            } catch (Exception e) {
                reply = Reply.error(500, Recordings.error("script failed: " + e, "server_error", null));
            }
            answer(ex, request, reply);
        } catch (Cut cut) {
            throw new IOException("cut on purpose");
        }
        ex.close();
    }

    /** Thrown to cut the connection. */
    private static final class Cut extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private void answer(HttpExchange ex, Request request, Reply reply) throws IOException {
        ex.getResponseHeaders().add("x-request-id", "req_" + request.number());
        reply.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (reply.status != 200) {
            send(ex, reply.status, "application/json", reply.body);
            return;
        }
        if ("silent-stall".equals(reply.streamEnd)) {
            await();
            return;
        }
        if (!request.streaming() && "done".equals(reply.streamEnd)) {
            send(ex, 200, "application/json", Recordings.completion(reply.body));
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        write(out, Recordings.roleChunk());
        for (String p : reply.pieces) {
            write(out, Recordings.contentChunk(p));
        }
        switch (reply.streamEnd) {
            case "done":
                write(out, Recordings.finishChunk() + Recordings.usageChunk(reply.pieces.size()) + "data: [DONE]\n\n");
                break;
            case "error":
                write(out, "data: " + Recordings.error("The server had an error while processing your request.",
                        "server_error", null) + "\n\n");
                break;
            case "cut":
                throw new Cut();
            default: // "stall": comments keep the connection busy (no first token) until the client hangs up
                stalled.countDown();
                try {
                    while (!closing.await(20, TimeUnit.MILLISECONDS)) {
                        write(out, ": keep-alive\n\n");
                    }
                } catch (IOException clientClosed) {
                    clientGone.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
        }
    }

    private void await() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
