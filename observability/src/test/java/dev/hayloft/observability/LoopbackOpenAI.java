package dev.hayloft.observability;

import com.sun.net.httpserver.HttpServer;
import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible {@code /v1/chat/completions} on loopback, replying with scripted
 * responses in order (a completion echoing the request's model when nothing is scripted);
 * records the request bodies.
 */
final class LoopbackOpenAI implements AutoCloseable {
    record Reply(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();

    LoopbackOpenAI() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            Reply r = script.poll();
            if (r == null) {
                Object model = Json.parseObject(body).get("model");
                r = Boolean.TRUE.equals(Json.parseObject(body).get("stream"))
                        ? new Reply(200, "text/event-stream", stream((String) model, List.of("Hel", "lo")), Map.of())
                        : new Reply(200, "application/json", completion((String) model, "Hello"), Map.of());
            }
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
            exchange.getResponseHeaders().set("x-request-id", "req_" + bodies.size());
            r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(r.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next reply: HTTP {@code status} with an OpenAI error body, asking for a 1 ms back-off. */
    LoopbackOpenAI fail(int status) {
        script.add(new Reply(status, "application/json", "{\"error\": {\"message\": \"The server had an error.\", "
                + "\"type\": \"server_error\", \"param\": null, \"code\": null}}", Map.of("retry-after-ms", "1")));
        return this;
    }

    static String completion(String model, String text) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"" + model
                + "-2024\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + Json.write(text) + "},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":8,\"total_tokens\":32}}";
    }

    static String stream(String model, List<String> pieces) {
        StringBuilder sb = new StringBuilder();
        sb.append(chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String p : pieces) {
            sb.append(chunk(model, "{\"content\":" + Json.write(p) + "}", null));
        }
        sb.append(chunk(model, "{}", "stop"));
        sb.append("data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1742207200,"
                + "\"model\":\"" + model + "-2024\",\"choices\":[],\"usage\":{\"prompt_tokens\":13,"
                + "\"completion_tokens\":" + pieces.size() + ",\"total_tokens\":" + (13 + pieces.size()) + "}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    private static String chunk(String model, String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1742207200,\"model\":\""
                + model + "-2024\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,"
                + "\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}],\"usage\":null}\n\n";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
