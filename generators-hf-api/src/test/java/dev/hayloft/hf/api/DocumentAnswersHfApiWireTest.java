package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hayloft.core.answers.DocumentAnswerGenerator;
import dev.hayloft.core.answers.KwargsDialect;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DocumentAnswerGenerator} over {@link HuggingFaceAPIChatGenerator}: TGI's chat API has no {@code n}. */
class DocumentAnswersHfApiWireTest {
    private static HfMock server;
    private final Generators generators = new Generators();

    @BeforeAll
    static void start() {
        server = new HfMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void topKAnswersComeFromOneRequestEachWithTheSamplingSettingsAsTgiNamesThem() {
        server.enqueue(HfMock.CHAT, HfMock.json(TgiShapes.completion(" Jane Austen.")));
        server.enqueue(HfMock.CHAT, HfMock.json(TgiShapes.completion(" Austen.")));
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(generators.chat(server).build())
                .topK(2).maxTokens(20).build()) {
            assertEquals(KwargsDialect.HUGGING_FACE_API, answerer.kwargsDialect());
            DocumentAnswerGenerator.Result r = answerer.run("Who wrote Emma?",
                    List.of(Document.of("Emma is a novel by Jane Austen.")));
            assertEquals(List.of(" Jane Austen.", " Austen."), r.answers().stream().map(GeneratedAnswer::data)
                    .toList());
        }
        assertEquals(2, server.requests(HfMock.CHAT).size());
        Map<String, Object> body = server.lastBody();
        assertEquals(20, body.get("max_tokens"));
        assertEquals(List.of("\n", "<|endoftext|>"), body.get("stop"));
        assertEquals(0.2, body.get("temperature"));
        assertEquals(0.1, body.get("presence_penalty"));
        assertEquals(0.1, body.get("frequency_penalty"));
        assertEquals(null, body.get("n"));
    }
}
