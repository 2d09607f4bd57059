package dev.hayloft.examples.fallback;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.examples.local.EmbeddedModel;
import dev.hayloft.examples.support.Backend;
import dev.hayloft.fallback.FallbackAttempt;
import dev.hayloft.fallback.FallbackChatGenerator;
import dev.hayloft.fallback.FallbackResult;
import dev.hayloft.hf.local.HuggingFaceLocalChatGenerator;
import dev.hayloft.openai.OpenAIChatGenerator;
import java.util.List;
import java.util.Map;

/**
 * Failover from OpenAI to a local model: {@link FallbackChatGenerator} tries
 * {@link OpenAIChatGenerator} first and, when it fails with a rate limit or an outage, the
 * in-process {@link HuggingFaceLocalChatGenerator} (the embedded stories260K). Each answer's
 * meta says which generator answered ({@code successful_chat_generator_index} and
 * {@code _class}), which failed ({@code failed_chat_generators}) and why ({@code attempts}).
 *
 * <p>Calls OpenAI when {@code OPENAI_API_KEY} is set (then OpenAI normally answers and nothing
 * fails over); else OpenAI is a loopback stand-in answering HTTP 429 (rate limit, with
 * {@code retry-after}) and 503 (overloaded) in turn, so the failover shows. OpenAI's own
 * retries are off ({@code maxRetries(0)}): the fallback moves on at once.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.fallback.FallbackExample
 * </pre>
 */
public final class FallbackExample {
    private FallbackExample() {
    }

    public static void main(String[] args) {
        try (Backend openai = Backend.openAIFailing(429, 503);
             EmbeddedModel model = EmbeddedModel.extract();
             FallbackChatGenerator llm = FallbackChatGenerator.builder()
                     .chatGenerators(List.of(
                             OpenAIChatGenerator.builder().apiBaseUrl(openai.baseUrl()).apiKey(openai.apiKey())
                                     .model("gpt-4o-mini").maxRetries(0).build(),
                             HuggingFaceLocalChatGenerator.builder().model(model.folder().toString())
                                     .generationKwargs(Map.of("max_new_tokens", 32, "do_sample", false)).build()))
                     .build()) {   // closing the fallback closes the generators it wraps
            for (String question : List.of("Tell me a story about a cat.", "Tell me a story about a dog.")) {
                FallbackResult r = llm.runWithMeta(List.of(ChatMessage.fromUser(question)), null, null, null);
                Map<String, Object> meta = r.meta();
                System.out.println("Q: " + question);
                System.out.println("A: " + r.text().strip());
                System.out.println("answered by #" + meta.get("successful_chat_generator_index") + " "
                        + meta.get("successful_chat_generator_class") + " after " + meta.get("total_attempts")
                        + " attempt(s); failed_chat_generators=" + meta.get("failed_chat_generators"));
                for (FallbackAttempt a : r.attempts()) {
                    if (a.outcome() == FallbackAttempt.Outcome.FAILED) {
                        System.out.println("  #" + a.chatGeneratorIndex() + " " + a.chatGeneratorClass() + " failed: HTTP "
                                + a.statusCode() + " " + a.errorType() + " (" + a.failureKind()
                                + (a.retryAfter() == null ? "" : ", retry after " + a.retryAfter().toSeconds() + " s")
                                + ") -> " + a.action());
                    }
                }
            }
        }
    }
}
