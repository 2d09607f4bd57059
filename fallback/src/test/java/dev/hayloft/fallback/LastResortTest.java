package dev.hayloft.fallback;

import static dev.hayloft.fallback.Llms.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.fallback.LoopbackLlm.Reply;
import dev.hayloft.hf.local.HuggingFaceLocalChatGenerator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** stories260K in process as the last resort behind two failing API generators. */
class LastResortTest {
    @Test
    void theLocalModelAnswersWhenBothApisFail() throws Exception {
        try (LoopbackLlm openai = new LoopbackLlm(r -> Reply.streamThenCut("Once", " upon"));
             LoopbackLlm azure = new LoopbackLlm(r -> Reply.error(429, Recordings.resource("llm/azure_error_429.json"),
                     "retry-after", "120"));
             FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(
                     Llms.openai(openai).build(), Llms.azure(azure).build(), Llms.local())).build()) {
            llm.warmUp(); // loads the local model
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            FallbackResult r = llm.runWithMetaAsync(ask("Once upon a time"), null, null, chunks::add)
                    .get(120, TimeUnit.SECONDS);
            assertEquals(2, r.successfulChatGeneratorIndex());
            assertEquals("HuggingFaceLocalChatGenerator", r.meta().get("successful_chat_generator_class"));
            assertFalse(r.text().isBlank());
            assertEquals(List.of("ConnectionException", "RateLimitException"), r.attempts().subList(0, 2).stream()
                    .map(FallbackAttempt::errorType).toList());
            List<StreamingChunk> resets = chunks.stream().filter(FallbackChatGenerator::isReset).toList();
            assertEquals(1, resets.size(), "the OpenAI text was shown, then reset");
            assertEquals(HuggingFaceLocalChatGenerator.class.getName(), resets.get(0).componentInfo().type());
            StringBuilder after = new StringBuilder();
            for (StreamingChunk c : chunks.subList(chunks.indexOf(resets.get(0)) + 1, chunks.size())) {
                after.append(c.content());
            }
            assertEquals(r.text(), after.toString());
            assertTrue(r.attempts().get(2).timeToFirstToken() != null);
            assertEquals("stories260K", java.nio.file.Path.of(r.attempts().get(2).model()).getFileName().toString(),
                    "the local model's folder, from its configuration");
        }
    }
}
