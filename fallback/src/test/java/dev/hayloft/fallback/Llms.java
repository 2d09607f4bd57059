package dev.hayloft.fallback;

import dev.hayloft.azure.AzureOpenAIChatGenerator;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.hf.local.HuggingFaceLocalChatGenerator;
import dev.hayloft.openai.OpenAIChatGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The real generators the tests wrap, pointed at loopback servers (retries off: failover is the fallback's job). */
final class Llms {
    static final String OPENAI_KEY = "sk-" + "test-fallback-0123456789abcdef";
    static final String AZURE_KEY = "azure-test-fallback-key-0123456789";

    private Llms() {
    }

    static OpenAIChatGenerator.Builder openai(LoopbackLlm server) {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken(OPENAI_KEY)).apiBaseUrl(server.openAIBaseUrl())
                .maxRetries(0).timeout(Duration.ofSeconds(30));
    }

    static AzureOpenAIChatGenerator.Builder azure(LoopbackLlm server) {
        return AzureOpenAIChatGenerator.builder().azureEndpoint(server.azureEndpoint()).azureDeployment("gpt-4o-mini")
                .apiKey(Secret.fromToken(AZURE_KEY)).maxRetries(0).timeout(Duration.ofSeconds(30));
    }

    /** stories260K, greedy, a few tokens: the in-process last resort. */
    static HuggingFaceLocalChatGenerator local() {
        return HuggingFaceLocalChatGenerator.builder()
                .model(SharedFixtures.require("models/stories260K").toString())
                .generationKwargs(Map.of("max_new_tokens", 8, "do_sample", false)).build();
    }

    static List<ChatMessage> ask(String text) {
        return List.of(ChatMessage.fromUser(text));
    }
}
