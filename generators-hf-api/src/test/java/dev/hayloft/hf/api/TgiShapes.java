package dev.hayloft.hf.api;

import dev.hayloft.core.serde.Json;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replies in the exact layout of TGI 3.x's Messages API (as recorded in
 * {@code tgi/chat_stream_usage_3.1.2.sse} and {@code hub/chat_completion_zephyr.json}), with
 * the text a test scripts.
 */
final class TgiShapes {
    private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

    private TgiShapes() {
    }

    static String completion(String text) {
        return Json.write(JsonValues.map("object", "chat.completion", "id", "", "created", 1742555982, "model", MODEL,
                "system_fingerprint", "3.2.1-native", "choices", List.of(JsonValues.map("index", 0, "message",
                        JsonValues.map("role", "assistant", "content", text), "logprobs", null,
                        "finish_reason", "stop")), "usage", JsonValues.map("prompt_tokens", 17,
                        "completion_tokens", 8, "total_tokens", 25)));
    }

    /** The text in word-sized pieces, the finish reason on an empty last delta, then the usage event and [DONE]. */
    static String textStream(String text) {
        List<String> pieces = new ArrayList<>(List.of(text.split("(?<= )")));
        StringBuilder sb = new StringBuilder();
        for (String p : pieces) {
            sb.append(event(p, null, null));
        }
        sb.append(event("", "stop", null));
        sb.append("data: ").append(Json.write(JsonValues.map("choices", List.of(), "created", 1741266005, "id", "",
                "model", MODEL, "object", "chat.completion.chunk", "system_fingerprint", "3.1.2-dev0-native",
                "usage", JsonValues.map("completion_tokens", pieces.size(), "prompt_tokens", 39, "total_tokens",
                        39 + pieces.size())))).append("\n\n");
        return sb.append("data: [DONE]\n\n").toString();
    }

    static String event(String content, String finish, Map<String, Object> toolCall) {
        Map<String, Object> delta = JsonValues.map("content", content, "role", "assistant", "tool_calls",
                toolCall == null ? null : List.of(toolCall));
        return "data: " + Json.write(JsonValues.map("choices", List.of(JsonValues.map("delta", delta,
                "finish_reason", finish, "index", 0, "logprobs", null)), "created", 1741266005, "id", "", "model", MODEL,
                "object", "chat.completion.chunk", "system_fingerprint", "3.1.2-dev0-native", "usage", null)) + "\n\n";
    }
}
