package dev.hayloft.openai;

import dev.hayloft.core.serde.Json;
import java.util.List;
import java.util.Map;

/** Builds realistic Chat Completions bodies (non-streamed JSON and SSE streams) for tests. */
final class OpenAIResponses {
    static final String MODEL = "gpt-4o-mini-2024-07-18";

    private OpenAIResponses() {
    }

    static String completion(String text) {
        return "{\"id\":\"chatcmpl-AqX1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"" + MODEL
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.write(text)
                + ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":8,\"total_tokens\":32,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
                + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\"}";
    }

    /** A text stream: role chunk, one chunk per piece, finish chunk, usage chunk, [DONE]. */
    static String textStream(List<String> pieces) {
        StringBuilder sb = new StringBuilder();
        sb.append(event("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null));
        for (String p : pieces) {
            sb.append(event("{\"content\":" + Json.write(p) + "}", null));
        }
        sb.append(event("{}", "stop"));
        sb.append(usageEvent(13, pieces.size()));
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    static String event(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-BC1y4\",\"object\":\"chat.completion.chunk\",\"created\":1742207200,"
                + "\"model\":\"" + MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}\n\n";
    }

    static String usageEvent(int prompt, int completion) {
        return "data: {\"id\":\"chatcmpl-BC1y4\",\"object\":\"chat.completion.chunk\",\"created\":1742207200,"
                + "\"model\":\"" + MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,"
                + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n";
    }

    static Map<String, Object> usage(int prompt, int completion) {
        return Json.parseObject(usageEvent(prompt, completion).substring(6)).get("usage") instanceof Map
                ? castMap(Json.parseObject(usageEvent(prompt, completion).substring(6)).get("usage"))
                : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
