package dev.hayloft.examples.support;

import dev.hayloft.core.serde.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted stand-in for a Text Generation Inference (TGI 3.x) server on loopback, so the
 * Hugging Face API examples run offline. It answers three of TGI's routes in TGI's own shapes
 * (the recordings in generators-hf-api's {@code src/test/resources}):
 *
 * <ul>
 * <li>{@code GET /info} — the router's description ({@code servers/tgi_info.json}: {@code model_id},
 *     {@code max_total_tokens}, {@code "router": "text-generation-router"}, {@code version}), from
 *     which the generators tell a TGI server from vLLM or SGLang;</li>
 * <li>{@code POST /v1/chat/completions} — TGI's Messages API, a {@code chat.completion} with an empty
 *     {@code id} and a {@code system_fingerprint} of the TGI version ({@code hub/chat_completion_zephyr.json});</li>
 * <li>{@code POST /generate} — the native API, {@code generated_text} with {@code details}
 *     ({@code finish_reason}, {@code generated_tokens}, {@code tokens}), as in
 *     {@code tgi/generate_regex_grammar.json}.</li>
 * </ul>
 *
 * <p>With a JSON grammar (chat: {@code response_format {"type": "json", "value": schema}};
 * generate: {@code parameters.grammar}, the same object) the reply is a JSON object filling the
 * schema's properties with example values; otherwise a sentence quoting the input. The replies
 * are scripted, not generated, and nothing is streamed. {@link #requests()} shows what arrived.
 *
 * <pre>{@code
 * try (ScriptedTgiServer tgi = ScriptedTgiServer.start()) {
 *     HuggingFaceAPIChatGenerator llm = HuggingFaceAPIChatGenerator.builder()
 *             .apiType(HFGenerationAPIType.TEXT_GENERATION_INFERENCE).url(tgi.root()).build();
 * }
 * }</pre>
 */
public final class ScriptedTgiServer implements AutoCloseable {
    /** The model the stand-in says it serves. */
    public static final String MODEL_ID = "scripted/tgi-stand-in";
    private static final String VERSION = "3.3.6";

    private final LoopbackServer server;

    private ScriptedTgiServer() {
        this.server = LoopbackServer.start("scripted-tgi", ScriptedTgiServer::handle);
    }

    /** Starts a server on a free loopback port. */
    public static ScriptedTgiServer start() {
        return new ScriptedTgiServer();
    }

    /** The server's URL, e.g. {@code http://127.0.0.1:43123} (what {@code api_params.url} takes). */
    public String root() {
        return server.root();
    }

    /** The requests received so far. */
    public List<LoopbackServer.Request> requests() {
        return server.requests();
    }

    private static LoopbackServer.Response handle(LoopbackServer.Request request) {
        String route = request.method() + " " + request.path();
        switch (route) {
            case "GET /info":
                return LoopbackServer.Response.json(200, info());
            case "POST /v1/chat/completions":
                return LoopbackServer.Response.json(200, chat(request.json()));
            case "POST /generate":
                return LoopbackServer.Response.json(200, generate(request.json()));
            default:
                // TGI's axum router answers unknown routes with an empty 404
                return new LoopbackServer.Response(404, "text/plain", "", Map.of());
        }
    }

    private static Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("model_id", MODEL_ID);
        info.put("model_sha", null);
        info.put("model_pipeline_tag", "text-generation");
        info.put("max_concurrent_requests", 128);
        info.put("max_best_of", 2);
        info.put("max_stop_sequences", 4);
        info.put("max_input_tokens", 1024);
        info.put("max_total_tokens", 2048);
        info.put("validation_workers", 2);
        info.put("max_client_batch_size", 4);
        info.put("router", "text-generation-router");
        info.put("version", VERSION);
        info.put("sha", null);
        info.put("docker_label", null);
        return info;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chat(Map<String, Object> body) {
        List<Map<String, Object>> messages = (List<Map<String, Object>>) body.getOrDefault("messages", List.of());
        Object last = messages.isEmpty() ? "" : messages.get(messages.size() - 1).get("content");
        String text = reply(body.get("response_format"), String.valueOf(last));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", text);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", "stop");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("object", "chat.completion");
        c.put("id", "");
        c.put("created", System.currentTimeMillis() / 1000);
        c.put("model", MODEL_ID);
        c.put("system_fingerprint", VERSION + "-native");
        c.put("choices", List.of(choice));
        int completion = words(text).size();
        c.put("usage", Map.of("prompt_tokens", 24, "completion_tokens", completion, "total_tokens", 24 + completion));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> generate(Map<String, Object> body) {
        Map<String, Object> parameters = (Map<String, Object>) body.getOrDefault("parameters", Map.of());
        String text = reply(parameters.get("grammar"), String.valueOf(body.get("inputs")));
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (String word : words(text)) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", 1000 + tokens.size());
            t.put("logprob", -0.25);
            t.put("special", false);
            t.put("text", word);
            tokens.add(t);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("best_of_sequences", null);
        details.put("finish_reason", "eos_token");
        details.put("generated_tokens", tokens.size());
        details.put("prefill", List.of());
        details.put("seed", null);
        details.put("tokens", tokens);
        details.put("top_tokens", null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("details", details);
        out.put("generated_text", text);
        return out;
    }

    /** A JSON object filling a {@code {"type": "json", "value": schema}} grammar, else a sentence. */
    @SuppressWarnings("unchecked")
    private static String reply(Object grammar, String input) {
        if (grammar instanceof Map && "json".equals(((Map<String, Object>) grammar).get("type"))) {
            return Json.write(LoopbackServer.fill((Map<String, Object>) ((Map<String, Object>) grammar).get("value")));
        }
        return "(a scripted reply from the loopback stand-in for TGI) You asked: " + input;
    }

    /** The text cut into word-sized pieces, standing in for tokens. */
    private static List<String> words(String text) {
        return List.of(text.split("(?<=[ ,:{}])"));
    }

    @Override
    public void close() {
        server.close();
    }
}
