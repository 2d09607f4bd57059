package dev.hayloft.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import java.util.concurrent.Executors;

/**
 * A loopback server answering {@code POST /v1/chat/completions} with a canned completion, or
 * with a canned stream of {@code chunks} text chunks (plus role, finish and usage chunks) when
 * the request asks to stream. Both bodies are encoded once, so the server costs the same for
 * every client.
 *
 * <pre>{@code
 * try (LoopbackOpenAI server = LoopbackOpenAI.start(1000)) {
 *     String baseUrl = server.baseUrl();
 * }
 * }</pre>
 */
public final class LoopbackOpenAI implements AutoCloseable {
    private static final String MODEL = "gpt-4o-mini-2024-07-18";
    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] completion;
    private final byte[] stream;

    private LoopbackOpenAI(int chunks) throws IOException {
        // without TCP_NODELAY, delayed ACKs add ~40 ms to every small exchange on loopback
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.completion = completionJson().getBytes(StandardCharsets.UTF_8);
        this.stream = streamBody(chunks).getBytes(StandardCharsets.UTF_8);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "loopback-openai");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server whose streams carry {@code chunks} text chunks. */
    public static LoopbackOpenAI start(int chunks) throws IOException {
        return new LoopbackOpenAI(chunks);
    }

    /** The API base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] request;
        try (InputStream in = exchange.getRequestBody()) {
            request = in.readAllBytes();
        }
        boolean streaming = STREAM.matcher(new String(request, StandardCharsets.UTF_8)).find();
        byte[] body = streaming ? stream : completion;
        exchange.getResponseHeaders().add("Content-Type", streaming ? "text/event-stream" : "application/json");
        exchange.getResponseHeaders().add("x-request-id", "req_bench");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String completionJson() {
        return "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"" + MODEL
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"The capital of "
                + "France is Paris.\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":"
                + "\"stop\"}],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":8,\"total_tokens\":32,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
                + "\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_1\"}";
    }

    private static String streamBody(int chunks) {
        StringBuilder sb = new StringBuilder();
        sb.append(event("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null"));
        for (int i = 0; i < chunks; i++) {
            sb.append(event("{\"content\":\" tok" + (i % 100) + "\"}", "null"));
        }
        sb.append(event("{}", "\"stop\""));
        sb.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1742207200,"
                + "\"model\":\"" + MODEL + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":13,\"completion_tokens\":"
                + chunks + ",\"total_tokens\":" + (13 + chunks) + "}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    private static String event(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1742207200,"
                + "\"model\":\"" + MODEL + "\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}],\"usage\":null}\n\n";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
