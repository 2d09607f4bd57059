package dev.hayloft.examples.openai;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.examples.support.Backend;
import dev.hayloft.openai.OpenAIChatGenerator;
import java.util.List;

/**
 * Streaming to the console: a run-time callback prints each chunk as it arrives; the assembled
 * reply (with usage, sent in the stream's last chunk) comes back when the stream ends. Calls
 * OpenAI when {@code OPENAI_API_KEY} is set, else a scripted stand-in on loopback.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.openai.StreamingExample
 * }</pre>
 */
public final class StreamingExample {
    private StreamingExample() {
    }

    public static void main(String[] args) {
        try (Backend openai = Backend.openAI();
             OpenAIChatGenerator llm = OpenAIChatGenerator.builder()
                     .apiBaseUrl(openai.baseUrl()).apiKey(openai.apiKey()).build()) {
            ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("Write a two-line poem about hay.")), null, null,
                    (StreamingChunk chunk) -> {
                        System.out.print(chunk.content());
                        System.out.flush();
                    }).replies().get(0);
            System.out.println();
            System.out.println("--- " + reply.text().length() + " characters, usage " + reply.meta().get("usage"));
        }
    }
}
