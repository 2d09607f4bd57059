package dev.hayloft.examples.openai;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.examples.support.Backend;
import dev.hayloft.openai.OpenAIChatGenerator;
import java.util.List;
import java.util.Map;

/**
 * OpenAI chat: one question to {@link OpenAIChatGenerator}, the reply and its meta (model,
 * finish reason, usage). Calls OpenAI when {@code OPENAI_API_KEY} is set, else a scripted
 * stand-in on loopback.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.openai.OpenAIChatExample
 * }</pre>
 */
public final class OpenAIChatExample {
    private OpenAIChatExample() {
    }

    public static void main(String[] args) {
        try (Backend openai = Backend.openAI();
             OpenAIChatGenerator llm = OpenAIChatGenerator.builder()
                     .apiBaseUrl(openai.baseUrl()).apiKey(openai.apiKey())
                     .model("gpt-4o-mini")
                     .generationKwargs(Map.of("temperature", 0.2))
                     .build()) {
            ChatMessage reply = llm.run(List.of(
                    ChatMessage.fromSystem("Answer in one sentence."),
                    ChatMessage.fromUser("What is the capital of France?"))).replies().get(0);
            System.out.println(reply.text());
            System.out.println("model=" + reply.meta().get("model") + " finish_reason="
                    + reply.meta().get("finish_reason") + " usage=" + reply.meta().get("usage"));
        }
    }
}
