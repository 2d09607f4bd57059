package dev.hayloft.examples.azure;

import dev.hayloft.azure.AzureOpenAIChatGenerator;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.examples.support.Backend;
import java.util.List;

/**
 * Azure OpenAI chat: a deployment behind {@code AZURE_OPENAI_ENDPOINT} with an
 * {@code api-key}, streamed to the console; the reply's meta carries Azure's content-filter
 * results when the service sends them. Calls Azure when {@code AZURE_OPENAI_ENDPOINT} and
 * {@code AZURE_OPENAI_API_KEY} are set (deployment from {@code AZURE_OPENAI_DEPLOYMENT},
 * default {@code gpt-4o-mini}), else a scripted stand-in on loopback.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.azure.AzureChatExample
 * }</pre>
 */
public final class AzureChatExample {
    private AzureChatExample() {
    }

    public static void main(String[] args) {
        String deployment = System.getenv().getOrDefault("AZURE_OPENAI_DEPLOYMENT", "gpt-4o-mini");
        try (Backend azure = Backend.azure();
             AzureOpenAIChatGenerator llm = AzureOpenAIChatGenerator.builder()
                     .azureEndpoint(azure.endpoint()).apiKey(azure.apiKey()).azureDeployment(deployment).build()) {
            ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("Name three uses of hay.")), null, null,
                    chunk -> System.out.print(chunk.content())).replies().get(0);
            System.out.println();
            System.out.println("finish_reason=" + reply.meta().get("finish_reason") + " content filter: "
                    + reply.meta().getOrDefault("content_filter_results", "(none reported)"));
        }
    }
}
