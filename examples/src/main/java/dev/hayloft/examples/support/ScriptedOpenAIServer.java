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
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for an OpenAI-compatible Chat Completions server on loopback, so the
 * examples run offline: it answers {@code POST .../chat/completions} (OpenAI's {@code /v1} path,
 * Azure's {@code /openai/deployments/{name}/...} and {@code /openai/v1/...}) in the wire format
 * OpenAI documents — a completion, or a server-sent-event stream of chunks ending in
 * {@code [DONE]} when the request streams. What it answers depends on the request: a call of
 * the first offered tool (arguments filled from the tool's schema) when tools are offered and
 * no tool result came back yet; a sentence quoting the tool result after one; a JSON object
 * filling the requested {@code json_schema}; otherwise a sentence that quotes the question.
 * The replies are scripted, not generated.
 *
 * <pre>{@code
 * try (ScriptedOpenAIServer server = ScriptedOpenAIServer.start()) {
 *     OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiBaseUrl(server.baseUrl())
 *             .apiKey(Secret.fromToken("scripted")).build();
 * }
 * }</pre>
 */
public final class ScriptedOpenAIServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger ids = new AtomicInteger();

    private ScriptedOpenAIServer() throws IOException {
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "scripted-openai");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server on a free loopback port. */
    public static ScriptedOpenAIServer start() {
        try {
            return new ScriptedOpenAIServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the scripted server on loopback", e);
        }
    }

    /** The OpenAI-style base URL, e.g. {@code http://127.0.0.1:43123/v1}. */
    public String baseUrl() {
        return root() + "/v1";
    }

    /** The server's root, e.g. {@code http://127.0.0.1:43123} (an Azure endpoint). */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")
                    || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, "application/json",
                        "{\"error\":{\"message\":\"scripted server: only POST .../chat/completions\",\"type\":"
                                + "\"invalid_request_error\",\"code\":null}}");
                return;
            }
            Map<String, Object> request = Json.parseObject(exchange.getRequestBody());
            Map<String, Object> message = answer(request);
            String model = String.valueOf(request.getOrDefault("model", "scripted"));
            String id = "chatcmpl-scripted-" + ids.incrementAndGet();
            if (Boolean.TRUE.equals(request.get("stream"))) {
                send(exchange, 200, "text/event-stream", stream(id, model, message));
            } else {
                send(exchange, 200, "application/json", Json.write(completion(id, model, message)));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-request-id", "req_scripted");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(Map<String, Object> request) {
        List<Map<String, Object>> messages = (List<Map<String, Object>>) request.getOrDefault("messages", List.of());
        Map<String, Object> last = messages.isEmpty() ? Map.of() : messages.get(messages.size() - 1);
        List<Map<String, Object>> tools = (List<Map<String, Object>>) request.get("tools");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        if (tools != null && !tools.isEmpty() && !"tool".equals(last.get("role"))) {
            Map<String, Object> function = (Map<String, Object>) tools.get(0).get("function");
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("id", "call_scripted_1");
            call.put("type", "function");
            call.put("function", Map.of("name", function.get("name"),
                    "arguments", Json.write(fill((Map<String, Object>) function.get("parameters")))));
            message.put("content", null);
            message.put("tool_calls", List.of(call));
            return message;
        }
        if ("tool".equals(last.get("role"))) {
            message.put("content", "According to the tool: " + last.get("content"));
            return message;
        }
        Object format = request.get("response_format");
        if (format instanceof Map && ((Map<String, Object>) format).get("json_schema") instanceof Map) {
            Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) format)
                    .get("json_schema")).get("schema");
            message.put("content", Json.write(fill(schema)));
            return message;
        }
        message.put("content", "(a scripted reply from the loopback stand-in for OpenAI) You asked: "
                + text(last.get("content")));
        return message;
    }

    @SuppressWarnings("unchecked")
    private static String text(Object content) {
        if (content instanceof List) {
            StringBuilder sb = new StringBuilder();
            for (Object part : (List<Object>) content) {
                if (part instanceof Map && ((Map<String, Object>) part).get("text") != null) {
                    sb.append(((Map<String, Object>) part).get("text"));
                }
            }
            return sb.toString();
        }
        return String.valueOf(content);
    }

    /** An object filling {@code schema}'s properties with example values. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fill(Map<String, Object> schema) {
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
                out.put(p.getKey(), List.of());
            } else if ("object".equals(type)) {
                out.put(p.getKey(), fill(prop));
            } else {
                out.put(p.getKey(), "Paris".equals(p.getKey()) ? "Paris" : exampleString(p.getKey()));
            }
        }
        return out;
    }

    private static String exampleString(String name) {
        return name.contains("city") || name.contains("location") ? "Paris" : "example " + name.replace('_', ' ');
    }

    private static Map<String, Object> completion(String id, String model, Map<String, Object> message) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", message.containsKey("tool_calls") ? "tool_calls" : "stop");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("object", "chat.completion");
        c.put("created", System.currentTimeMillis() / 1000);
        c.put("model", model);
        c.put("choices", List.of(choice));
        c.put("usage", Map.of("prompt_tokens", 12, "completion_tokens", 9, "total_tokens", 21));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static String stream(String id, String model, Map<String, Object> message) {
        List<Map<String, Object>> deltas = new ArrayList<>();
        deltas.add(Map.of("role", "assistant", "content", ""));
        if (message.containsKey("tool_calls")) {
            Map<String, Object> call = ((List<Map<String, Object>>) message.get("tool_calls")).get(0);
            Map<String, Object> fn = (Map<String, Object>) call.get("function");
            deltas.add(Map.of("tool_calls", List.of(Map.of("index", 0, "id", call.get("id"), "type", "function",
                    "function", Map.of("name", fn.get("name"), "arguments", fn.get("arguments"))))));
        } else {
            for (String word : String.valueOf(message.get("content")).split("(?<= )")) {
                deltas.add(Map.of("content", word));
            }
        }
        StringBuilder sb = new StringBuilder();
        long created = System.currentTimeMillis() / 1000;
        for (Map<String, Object> delta : deltas) {
            sb.append("data: ").append(Json.write(chunk(id, model, created, delta, null))).append("\n\n");
        }
        String finish = message.containsKey("tool_calls") ? "tool_calls" : "stop";
        sb.append("data: ").append(Json.write(chunk(id, model, created, Map.of(), finish))).append("\n\n");
        Map<String, Object> usage = new LinkedHashMap<>(chunk(id, model, created, null, null));
        usage.put("choices", List.of());
        usage.put("usage", Map.of("prompt_tokens", 12, "completion_tokens", deltas.size(), "total_tokens",
                12 + deltas.size()));
        sb.append("data: ").append(Json.write(usage)).append("\n\ndata: [DONE]\n\n");
        return sb.toString();
    }

    private static Map<String, Object> chunk(String id, String model, long created, Map<String, Object> delta,
            String finish) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        c.put("model", model);
        if (delta != null) {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0);
            choice.put("delta", delta);
            choice.put("finish_reason", finish);
            c.put("choices", List.of(choice));
        }
        return c;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
