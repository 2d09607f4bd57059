package dev.hayloft.fallback;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.testing.ChatGeneratorContract;
import dev.hayloft.fallback.LoopbackLlm.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The chat-generator contract for a FallbackChatGenerator whose primary always fails (HTTP 500)
 * and whose backup answers what the contract scripts: every call goes through a failover.
 */
class FallbackChatGeneratorContractTest extends ChatGeneratorContract {
    private final LoopbackLlm failing = new LoopbackLlm(r -> Reply.error(500, Recordings.error("down", "server_error",
            null)));
    private final LoopbackLlm working = new LoopbackLlm(r -> Reply.text("ok"));

    @AfterEach
    void stop() {
        failing.close();
        working.close();
    }

    @Override
    protected ChatGenerator create(StreamingCallback initCallback) {
        Secret key = Secret.fromEnvVar(List.of("HAYLOFT_TEST_KEY", "HOME"), false); // serialisable, resolves here
        return FallbackChatGenerator.builder().chatGenerators(List.of(
                Llms.openai(failing).apiKey(key).build(), Llms.openai(working).apiKey(key).build()))
                .streamingCallback(initCallback).build();
    }

    @Override
    protected void expectReply(String text, boolean streaming) {
        working.script(r -> Reply.text(text));
    }
}
