package dev.hayloft.examples.local;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.hf.local.HuggingFaceLocalChatGenerator;
import java.util.List;
import java.util.Map;

/**
 * Local chat, streamed to the console: {@link HuggingFaceLocalChatGenerator} runs a model
 * in-process and a run-time streaming callback prints each piece of text as it is generated;
 * the assembled reply (meta {@code finish_reason}, {@code usage}) comes back when it ends. No
 * API key, no server.
 *
 * <p>The model is the first argument (a folder or a Hub id such as
 * {@code HuggingFaceTB/SmolLM2-360M-Instruct}, which uses its own chat template), else the
 * embedded stories260K. Be aware what that one is: a 260K-parameter story model, not a chat
 * model. It cannot follow instructions, and its {@code tokenizer_config.json} carries only a
 * minimal synthetic {@code chat_template} (added so chat code paths run; see its
 * {@code LICENSE.md}). A model with no template at all fails with "The model has no
 * chat_template in tokenizer_config.json; pass one": {@code chatTemplate(...)} is how. This
 * example passes one for stories260K that renders only the user's text after the start token,
 * so the model simply continues the user's beginning of a story.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.local.LocalChatStreamingExample
 * </pre>
 */
public final class LocalChatStreamingExample {
    /**
     * A Jinja chat template for a model that is not chat-tuned: the start token, then the user
     * turns' text (system and assistant turns are left out; no generation prompt is added).
     */
    static final String STORY_TEMPLATE = "{{ bos_token }}{% for message in messages %}"
            + "{% if message['role'] == 'user' %}{{ message['content'] }}{% endif %}{% endfor %}";

    private LocalChatStreamingExample() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            chat(args[0], null);
            return;
        }
        try (EmbeddedModel embedded = EmbeddedModel.extract()) {
            System.out.println("Model: " + EmbeddedModel.NAME + " (embedded; not chat-tuned: it continues the story)");
            chat(embedded.folder().toString(), STORY_TEMPLATE);
        }
    }

    private static void chat(String model, String chatTemplate) {
        try (HuggingFaceLocalChatGenerator llm = HuggingFaceLocalChatGenerator.builder()
                .model(model)
                .chatTemplate(chatTemplate)   // null: the tokenizer's own template
                .generationKwargs(Map.of("max_new_tokens", 48, "do_sample", false))
                .build()) {
            llm.warmUp();   // loads the model (a Hub id downloads here, once)
            StringBuilder streamed = new StringBuilder();
            int[] chunks = {0};
            String beginning = "Once upon a time, there was a little fox who";
            System.out.print("> " + beginning);
            ChatMessage reply = llm.run(List.of(
                    ChatMessage.fromSystem("You tell short stories for children."),
                    ChatMessage.fromUser(beginning)), null, null,
                    (StreamingChunk chunk) -> {
                        System.out.print(chunk.content());
                        System.out.flush();
                        streamed.append(chunk.content());
                        chunks[0]++;
                    }).replies().get(0);
            System.out.println();
            System.out.println("--- " + chunks[0] + " chunks; the streamed text is the reply: "
                    + streamed.toString().equals(reply.text()));
            System.out.println("finish_reason=" + reply.meta().get("finish_reason") + " usage=" + reply.meta().get("usage"));
        }
    }
}
