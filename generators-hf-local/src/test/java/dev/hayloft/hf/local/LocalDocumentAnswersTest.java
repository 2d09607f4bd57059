package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.answers.AnswerBatch;
import dev.hayloft.core.answers.AnswerRequest;
import dev.hayloft.core.answers.BatchOptions;
import dev.hayloft.core.answers.DocumentAnswerGenerator;
import dev.hayloft.core.answers.KwargsDialect;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.generation.TokenCounter;
import dev.hayloft.core.listener.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DocumentAnswerGenerator} over the stories260K model: exact token budget from the local tokenizer. */
class LocalDocumentAnswersTest {
    static HuggingFaceLocalChatGenerator chat() {
        return HuggingFaceLocalChatGenerator.builder().model(StoriesModel.folder().toString()).build();
    }

    static List<Document> stories(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(Document.of("Story " + i + ": once upon a time there was a little dog named Max who liked to play "
                    + "in the park with his red ball and his best friend Lily.", Map.of("name", "story-" + i)));
        }
        return docs;
    }

    @Test
    void answersFromTheLocalModelWithItsTokenizerCountingTheBudget() {
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat()).topK(2).maxTokens(8)
                .temperature(0).build()) {
            assertEquals(KwargsDialect.HUGGING_FACE_LOCAL, answerer.kwargsDialect());
            // 40 documents of ~40 tokens each cannot all fit the model's 512-token window
            List<Document> docs = stories(40);
            DocumentAnswerGenerator.Result r = answerer.run("Who is Max?", docs);

            assertEquals(512, r.meta().get("context_window"));
            List<?> kept = (List<?>) r.meta().get("doc_ids");
            List<?> skipped = (List<?>) r.meta().get("skipped_doc_ids");
            assertTrue(kept.size() > 0 && kept.size() < 40, kept.size() + " documents kept");
            assertEquals(40, kept.size() + skipped.size());
            assertEquals(docs.get(0).id(), kept.get(0));   // the most relevant are kept
            int promptTokens = (Integer) r.meta().get("prompt_tokens");
            assertTrue(promptTokens + 8 <= 512, promptTokens + " prompt tokens");

            // greedy: two calls (num_return_sequences needs sampling), two equal answers
            assertEquals(2, r.answers().size());
            GeneratedAnswer a = r.answers().get(0);
            assertEquals(a.data(), r.answers().get(1).data());
            assertFalse(a.data().contains("\n"));   // the default stop word "\n" ends an answer
            assertEquals(kept.size(), a.documents().size());
            assertEquals(kept, a.meta().get("doc_ids"));
            assertEquals("story-0", ((List<?>) a.meta().get("titles")).get(0));
            // the budget counted exactly what the generator fed the model
            assertEquals(promptTokens, TokenUsage.fromMeta(a.meta().get("usage")).inputTokens());
            assertTrue(TokenUsage.fromMeta(a.meta().get("usage")).outputTokens() <= 8);
        }
    }

    @Test
    void samplingAsksForAllAnswersInOneRequestAndTheCounterMatchesTheTokenizer() {
        try (HuggingFaceLocalChatGenerator chat = chat();
             DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat).topK(3).maxTokens(6)
                     .temperature(0.8).generationKwargs(Map.of("seed", 7)).build()) {
            DocumentAnswerGenerator.Result r = answerer.run("What did Lily do?", stories(2));
            assertEquals(3, r.answers().size());
            assertEquals(List.of(0, 1, 2), r.answers().stream().map(x -> x.meta().get("index")).toList());

            TokenCounter counter = chat.tokenCounter();
            // <s> then the text: one BOS token more than the text alone
            List<ChatMessage> prompt = List.of(ChatMessage.fromUser("Once upon a time"));
            assertEquals(counter.countTokens("Once upon a time") + 1, counter.countTokens(prompt));
            assertEquals(512, chat.contextLength());
        }
    }

    @Test
    void aBatchOverTheLocalModelKeepsEveryAnswer() {
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat()).topK(1).maxTokens(4)
                .progressBar(false).build()) {
            List<AnswerRequest> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                requests.add(new AnswerRequest("Question " + i + "?", stories(i % 3)));
            }
            AnswerBatch batch = answerer.runBatch(requests, BatchOptions.builder().concurrency(2).build());
            assertEquals(6, batch.succeeded());
            for (int i = 0; i < 6; i++) {
                assertEquals("Question " + i + "?", batch.items().get(i).answers().get(0).query());
                assertEquals(i % 3, batch.items().get(i).answers().get(0).documents().size());
            }
        }
    }
}
