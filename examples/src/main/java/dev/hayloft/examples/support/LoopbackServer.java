package dev.hayloft.examples.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one small HTTP server the examples' stand-ins are built on: the JDK's {@code HttpServer}
 * on a free loopback port, a {@link Handler} that turns each {@link Request} into a
 * {@link Response}, and a record of every request received (so an example can show what was
 * sent on the wire). A handler that throws answers 500 with the exception's message.
 *
 * <pre>{@code
 * try (LoopbackServer server = LoopbackServer.start("echo", req -> LoopbackServer.Response.json(200, req.body()))) {
 *     String url = server.root();                       // http://127.0.0.1:<port>
 *     List<LoopbackServer.Request> seen = server.requests();
 * }
 * }</pre>
 */
public final class LoopbackServer implements AutoCloseable {
    /**
     * One request as received.
     *
     * @param method the HTTP method
     * @param path the path, without the query
     * @param headers the headers, names in lower case (first value of each)
     * @param body the body as UTF-8 text (empty when none)
     */
    public record Request(String method, String path, Map<String, String> headers, String body) {
        public Request {
            headers = Map.copyOf(headers);
        }

        /** The body parsed as a JSON object. */
        public Map<String, Object> json() {
            return Json.parseObject(body);
        }
    }

    /**
     * One response to send.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}
     * @param body the body
     * @param headers further headers
     */
    public record Response(int status, String contentType, String body, Map<String, String> headers) {
        public Response {
            headers = Map.copyOf(headers);
        }

        /** A JSON body. */
        public static Response json(int status, String body) {
            return new Response(status, "application/json", body, Map.of());
        }

        /** A JSON body written from {@code value}. */
        public static Response json(int status, Object value) {
            return json(status, Json.write(value));
        }

        /** A server-sent-event stream, already framed ({@code data: ...\n\n}). */
        public static Response sse(String events) {
            return new Response(200, "text/event-stream", events, Map.of());
        }

        /** This response with one more header. */
        public Response withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, contentType, body, more);
        }
    }

    /** Answers one request; called on the server's threads, possibly concurrently. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Handler handler;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private LoopbackServer(String name, Handler handler) throws IOException {
        this.handler = handler;
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server on a free loopback port; {@code name} names its threads. */
    public static LoopbackServer start(String name, Handler handler) {
        try {
            return new LoopbackServer(name, handler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + name + " stand-in on loopback", e);
        }
    }

    /** The server's root, e.g. {@code http://127.0.0.1:43123}. */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    body);
            requests.add(request);
            Response response;
            try {
                response = handler.handle(request);
            } catch (Exception e) {
                response = Response.json(500, Map.of("error", "stand-in failed: " + e));
            }
            send(exchange, response);
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** An object filling {@code schema}'s properties with example values (the stand-ins' "structured output"). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fill(Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> properties = schema == null ? Map.of()
                : (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            Map<String, Object> prop = (Map<String, Object>) p.getValue();
            Object type = prop.get("type");
            if (prop.get("enum") instanceof List) {
                out.put(p.getKey(), ((List<Object>) prop.get("enum")).get(0));
            } else if ("integer".equals(type)) {
                out.put(p.getKey(), 1);
            } else if ("number".equals(type)) {
                out.put(p.getKey(), 1.5);
            } else if ("boolean".equals(type)) {
                out.put(p.getKey(), true);
            } else if ("array".equals(type)) {
                out.put(p.getKey(), new ArrayList<>());
            } else if ("object".equals(type)) {
                out.put(p.getKey(), fill(prop));
            } else {
                String name = p.getKey();
                out.put(name, name.contains("city") || name.contains("location") ? "Paris"
                        : "example " + name.replace('_', ' '));
            }
        }
        return out;
    }
}
