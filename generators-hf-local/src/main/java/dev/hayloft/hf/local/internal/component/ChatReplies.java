package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.hf.local.ToolCallParser;
import dev.hayloft.hf.local.internal.generation.GeneratedSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The assistant replies of a finished local chat request, one per generated sequence: text or
 * parsed tool calls (a reply with calls has no text, Haystack's rule) and meta
 * {@code finish_reason}, {@code index}, {@code model}, {@code usage}. Sends the closing
 * streaming chunk with the first reply's finish reason.
 *
 * <pre>{@code
 * List<ChatMessage> replies = ChatReplies.build(outcome, prompt, tools, ToolCallParser.defaultParser(), "my-model");
 * }</pre>
 */
public final class ChatReplies {
    private ChatReplies() {
    }

    /**
     * Builds the replies of {@code out} for the rendered {@code prompt}; tool calls are parsed
     * only when {@code tools} were offered, and only calls of those tools are kept.
     */
    public static List<ChatMessage> build(LocalRun.Outcome out, String prompt, List<Tool> tools,
            ToolCallParser parser, String model) {
        Set<String> offered = new HashSet<>();
        tools.forEach(t -> offered.add(t.name()));
        List<ChatMessage> replies = new ArrayList<>();
        FinishReason first = null;
        for (GeneratedSequence seq : out.result().sequences()) {
            String text = out.text(prompt, seq.text());
            List<ToolCall> calls = tools.isEmpty() ? List.of() : parser.parse(text, offered);
            FinishReason reason = !calls.isEmpty() ? FinishReason.TOOL_CALLS
                    : FinishReason.fromValue(seq.finishReason().wireName());
            first = first == null ? reason : first;
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("finish_reason", reason.value());
            meta.put("index", seq.index());
            meta.put("model", model);
            meta.put("usage", usage(out, seq));
            replies.add(ChatMessage.fromAssistant(calls.isEmpty() ? text : null, calls, meta));
        }
        out.finish(first);
        return replies;
    }

    private static Map<String, Object> usage(LocalRun.Outcome out, GeneratedSequence seq) {
        Map<String, Object> u = new LinkedHashMap<>();
        int completion = seq.tokenIds().size();
        int prompt = out.result().usage().promptTokens();
        u.put("completion_tokens", completion);
        u.put("prompt_tokens", prompt);
        u.put("total_tokens", completion + prompt);
        return u;
    }
}
