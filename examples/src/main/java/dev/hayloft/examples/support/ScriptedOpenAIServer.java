package dev.hayloft.examples.support;

import dev.hayloft.core.serde.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>{@link #failing(int...)} starts one that refuses every completion with OpenAI's error
 * responses instead (429 rate limit; 5xx overloaded), taking the
 * statuses in turn, to show a fallback at work (the 429 with a {@code retry-after} header, which
 * the OpenAI clients honour). The error body is OpenAI's
 * {@code {"error": {"message", "type", "param", "code"}}} with the messages and types OpenAI
 * sends for these statuses (as in {@code fallback/src/test/resources/llm/README.md} and
 * generators-openai's {@code OpenAIErrorsWireTest}).
 *
 * <pre>{@code
 * try (ScriptedOpenAIServer server = ScriptedOpenAIServer.start()) {
 *     OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiBaseUrl(server.baseUrl())
 *             .apiKey(Secret.fromToken("scripted")).build();
 * }
 * }</pre>
 */
public final class ScriptedOpenAIServer implements AutoCloseable {
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Integer> failures;
    private final LoopbackServer server;

    private ScriptedOpenAIServer(List<Integer> failures) {
        this.failures = List.copyOf(failures);
        this.server = LoopbackServer.start("scripted-openai", this::handle);
    }

    /** Starts a server on a free loopback port. */
    public static ScriptedOpenAIServer start() {
        return new ScriptedOpenAIServer(List.of());
    }

    /**
     * Starts a server that answers every completion with an error, the {@code statuses} in turn
     * (429, 500, 502, 503 are scripted).
     */
    public static ScriptedOpenAIServer failing(int... statuses) {
        List<Integer> list = new ArrayList<>();
        for (int status : statuses) {
            list.add(status);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("failing: give at least one status");
        }
        return new ScriptedOpenAIServer(list);
    }

    /** The OpenAI-style base URL, e.g. {@code http://127.0.0.1:43123/v1}. */
    public String baseUrl() {
        return root() + "/v1";
    }

    /** The server's root, e.g. {@code http://127.0.0.1:43123} (an Azure endpoint). */
    public String root() {
        return server.root();
    }

    /** The requests received so far. */
    public List<LoopbackServer.Request> requests() {
        return server.requests();
    }

    private LoopbackServer.Response handle(LoopbackServer.Request request) {
        if (!request.method().equals("POST") || !request.path().endsWith("/chat/completions")) {
            return LoopbackServer.Response.json(404, "{\"error\":{\"message\":\"scripted server: only POST "
                    + ".../chat/completions\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
        }
        int n = ids.incrementAndGet();
        if (!failures.isEmpty()) {
            return error(failures.get((n - 1) % failures.size()));
        }
        Map<String, Object> body = request.json();
        Map<String, Object> message = answer(body);
        String model = String.valueOf(body.getOrDefault("model", "scripted"));
        String id = "chatcmpl-scripted-" + n;
        LoopbackServer.Response response = Boolean.TRUE.equals(body.get("stream"))
                ? LoopbackServer.Response.sse(stream(id, model, message))
                : LoopbackServer.Response.json(200, completion(id, model, message));
        return response.withHeader("x-request-id", "req_scripted");
    }

    /** OpenAI's error response for {@code status}. */
    private static LoopbackServer.Response error(int status) {
        Map<String, Object> error = new LinkedHashMap<>();
        if (status == 429) {
            error.put("message", "Rate limit reached for gpt-4o-mini in organization org-scripted on requests per min "
                    + "(RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.");
            error.put("type", "requests");
            error.put("param", null);
            error.put("code", "rate_limit_exceeded");
        } else if (status >= 500) {
            error.put("message", status == 503 ? "The engine is currently overloaded, please try again later."
                    : "The server had an error while processing your request. Sorry about that!");
            error.put("type", "server_error");
            error.put("param", null);
            error.put("code", null);
        } else {
            throw new IllegalArgumentException("failing: no scripted OpenAI error for HTTP " + status);
        }
        LoopbackServer.Response response = LoopbackServer.Response.json(status, Map.of("error", error))
                .withHeader("x-request-id", "req_scripted_" + status);
        return status == 429 ? response.withHeader("retry-after", "20") : response;
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
                    "arguments", Json.write(LoopbackServer.fill((Map<String, Object>) function.get("parameters")))));
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
            message.put("content", Json.write(LoopbackServer.fill(schema)));
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
        server.close();
    }
}
