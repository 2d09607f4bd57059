package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.answers.AnswerBatch;
import dev.hayloft.core.answers.AnswerRequest;
import dev.hayloft.core.answers.BatchOptions;
import dev.hayloft.core.answers.DocumentAnswerGenerator;
import dev.hayloft.core.answers.KwargsDialect;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.moderation.ModerationResult;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.serde.Json;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.serialization.PipelineSerializer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DocumentAnswerGenerator} with {@link OpenAIChatGenerator} and {@link OpenAIModeration}
 * against a loopback OpenAI server: recorded moderation responses (see
 * {@code src/test/resources/openai/README.md}) and chat completions.
 */
class DocumentAnswersWireTest {
    static final String MODERATIONS = "/v1/moderations";
    static final String KEY = "sk-" + "test-answers-0123456789";
    static final List<Document> DOCS = List.of(
            new Document("d1", "Emma is a novel by Jane Austen.", null, Map.of("name", "emma"), 0.8, null, null),
            new Document("d2", "Pride and Prejudice is a novel by Jane Austen.", null, Map.of(), 0.3, null, null));

    private static OpenAIMock server;

    @BeforeAll
    static void start() {
        server = new OpenAIMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    static OpenAIChatGenerator chat() {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken(KEY)).apiBaseUrl(server.baseUrl()).maxRetries(0)
                .build();
    }

    static OpenAIModeration moderation() {
        return OpenAIModeration.builder().apiKey(Secret.fromToken(KEY)).apiBaseUrl(server.baseUrl()).maxRetries(0)
                .build();
    }

    /** A chat completion with one choice per text, as OpenAI answers {@code n}. */
    static String completion(String... texts) {
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            choices.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":").append(Json.write(texts[i])).append(",\"refusal\":null,"
                    + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}");
        }
        return "{\"id\":\"chatcmpl-Ans1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\""
                + OpenAIResponses.MODEL + "\",\"choices\":[" + choices + "],\"usage\":{\"prompt_tokens\":96,"
                + "\"completion_tokens\":6,\"total_tokens\":102},\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_06737a9306\"}";
    }

    @Test
    void notFlaggedPromptAndAnswersGiveTopKAnswersFromOneRequestWithN() {
        server.enqueue(MODERATIONS, OpenAIMock.json(OpenAIMock.resource("moderation_not_flagged.json")));
        server.enqueue(OpenAIMock.json(completion(" Jane Austen.", " Austen.")));
        server.enqueue(MODERATIONS, OpenAIMock.json(OpenAIMock.resource("moderation_not_flagged.json")
                .replace("\"results\": [", "\"results\": [" + firstResult() + ",")));
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat()).topK(2)
                .moderation(moderation()).build()) {
            assertEquals(KwargsDialect.OPENAI, answerer.kwargsDialect());
            DocumentAnswerGenerator.Result r = answerer.run("Who wrote Emma?", DOCS);

            assertEquals(List.of(" Jane Austen.", " Austen."), r.answers().stream().map(GeneratedAnswer::data).toList());
            GeneratedAnswer a = r.answers().get(0);
            assertEquals(DOCS, a.documents());
            assertEquals(List.of("d1", "d2"), a.meta().get("doc_ids"));
            assertEquals(List.of(0.8, 0.3), a.meta().get("doc_scores"));
            assertEquals(OpenAIResponses.MODEL, a.meta().get("model"));
            assertFalse(r.meta().containsKey("moderation"));

            List<Map<String, Object>> moderations = server.bodies(MODERATIONS);
            assertEquals(2, moderations.size());
            assertEquals(JsonValues.map("model", "omni-moderation-latest", "input", List.of(r.meta().get("prompt"))),
                    moderations.get(0));
            assertEquals(List.of(" Jane Austen.", " Austen."), moderations.get(1).get("input"));
            Map<String, Object> body = server.bodies(OpenAIMock.PATH).get(0);
            assertEquals(JsonValues.map("model", "gpt-4o-mini", "messages", List.of(JsonValues.map("role", "user",
                    "content", r.meta().get("prompt"))), "max_tokens", 50, "stop", List.of("\n", "<|endoftext|>"),
                    "temperature", 0.2, "presence_penalty", 0.1, "frequency_penalty", 0.1, "n", 2, "stream", false), body);
            assertTrue(((String) r.meta().get("prompt")).endsWith("Context: Pride and Prejudice is a novel by Jane "
                    + "Austen. Emma is a novel by Jane Austen.\n===\nQ: Who wrote Emma?\nA:"));
            server.requests().forEach(req -> assertEquals("Bearer " + KEY, req.getHeader("Authorization")));
        }
    }

    private static String firstResult() {
        Map<String, Object> parsed = Json.parseObject(OpenAIMock.resource("moderation_not_flagged.json"));
        return Json.write(((List<?>) parsed.get("results")).get(0));
    }

    @Test
    void aFlaggedPromptIsNeverSentToTheModel() {
        server.enqueue(MODERATIONS, OpenAIMock.json(OpenAIMock.resource("moderation_flagged.json")));
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat()).topK(1)
                .moderation(moderation()).build()) {
            DocumentAnswerGenerator.Result r = answerer.run("How do I hurt the author of Emma?", DOCS);
            assertEquals(List.of(), r.answers());
            assertEquals(JsonValues.map("stage", "input", "flagged", true, "categories", List.of("harassment",
                    "violence"), "flagged_indices", List.of(0), "id", "modr-970d409ef3bef3b70c73d8232df86e7d",
                    "model", "omni-moderation-latest"), r.meta().get("moderation"));
            assertEquals(List.of(), server.bodies(OpenAIMock.PATH));
        }
    }

    @Test
    void flaggedAnswersAreNotReturned() {
        server.enqueue(MODERATIONS, OpenAIMock.json(OpenAIMock.resource("moderation_not_flagged.json")));
        server.enqueue(OpenAIMock.json(completion("A fine answer.", "A violent answer.")));
        server.enqueue(MODERATIONS, OpenAIMock.json(OpenAIMock.resource("moderation_second_flagged.json")));
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat()).topK(2)
                .moderation(moderation()).build()) {
            DocumentAnswerGenerator.Result r = answerer.run("Who wrote Emma?", DOCS);
            assertEquals(List.of(), r.answers());
            Map<?, ?> reason = (Map<?, ?>) r.meta().get("moderation");
            assertEquals("answers", reason.get("stage"));
            assertEquals(List.of("violence"), reason.get("categories"));
            assertEquals(List.of(1), reason.get("flagged_indices"));
            assertEquals(List.of("d1", "d2"), r.meta().get("doc_ids"));
        }
    }

    @Test
    void moderationFailuresAreHayloftsExceptionsWithoutTheKey() {
        server.enqueue(MODERATIONS, OpenAIMock.error(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + KEY + ".\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat()).topK(1)
                .moderation(moderation()).build()) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> answerer.run("Who wrote Emma?", DOCS));
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
            assertEquals(401, e.statusCode().getAsInt());
        }
        try (OpenAIModeration m = moderation()) {
            server.enqueue(MODERATIONS, OpenAIMock.json("{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\","
                    + "\"results\":[]}"));
            ServerErrorException e = assertThrows(ServerErrorException.class, () -> m.moderate(List.of("x")));
            assertTrue(e.getMessage().contains("one result per input text"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.moderate(List.of()));
        }
    }

    @Test
    void theModerationAloneReadsEveryResultAndRunsAsynchronously() {
        server.enqueue(MODERATIONS, OpenAIMock.json(OpenAIMock.resource("moderation_second_flagged.json")));
        try (OpenAIModeration m = moderation()) {
            ModerationResult r = m.moderateAsync(List.of("Hello.", "I will hit you.")).join();
            assertTrue(r.flagged());
            assertEquals(List.of("violence"), r.categories());
            assertEquals(List.of(1), r.flaggedIndices());
            assertEquals("omni-moderation-latest", r.meta().get("model"));
            assertEquals(List.of("Hello.", "I will hit you."), server.bodies(MODERATIONS).get(0).get("input"));
        }
    }

    @Test
    void aBatchAgainstTheServerKeepsAnswersAndReportsTheFailingQuery() {
        server.enqueue(OpenAIMock.json(completion("One.")));
        server.enqueue(OpenAIMock.error(400, "{\"error\":{\"message\":\"Invalid prompt\",\"type\":"
                + "\"invalid_request_error\",\"param\":null,\"code\":null}}"));
        server.enqueue(OpenAIMock.json(completion("Three.")));
        try (DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(chat()).topK(1).build()) {
            AnswerBatch batch = answerer.runBatch(AnswerRequest.of(List.of("q1", "q2", "q3"), DOCS),
                    BatchOptions.builder().concurrency(1).progressBar(false).build());
            assertEquals(List.of("One."), batch.items().get(0).answers().stream().map(GeneratedAnswer::data).toList());
            assertEquals(List.of("Three."), batch.items().get(2).answers().stream().map(GeneratedAnswer::data).toList());
            assertEquals(1, batch.failures().size());
            assertEquals("q2", batch.failures().get(0).query());
            assertInstanceOf(dev.hayloft.core.errors.InvalidRequestException.class, batch.failures().get(0).error());
        }
    }

    @Test
    void aPipelineYamlWithTheAnswererLoadsRunsAndDumpsBack() {
        // the key is read from HOME, which every test machine has (the server accepts any key)
        String key = "{type: env_var, env_vars: [HAYLOFT_TEST_KEY, HOME], strict: true}";
        String yaml = """
                components:
                  answerer:
                    type: dev.hayloft.core.answers.DocumentAnswerGenerator
                    init_parameters:
                      chat_generator:
                        type: dev.hayloft.openai.OpenAIChatGenerator
                        init_parameters: {model: gpt-4o-mini, api_base_url: '%1$s', max_retries: 0, api_key: %2$s}
                      top_k: 1
                      max_tokens: 100
                      context_window: 128000
                      moderation:
                        type: dev.hayloft.openai.OpenAIModeration
                        init_parameters: {model: omni-moderation-latest, api_base_url: '%1$s', api_key: %2$s}
                connections: []
                """.formatted(server.baseUrl(), key);
        server.enqueue(MODERATIONS, OpenAIMock.json(OpenAIMock.resource("moderation_not_flagged.json")));
        server.enqueue(OpenAIMock.json(completion(" Jane Austen.")));
        server.enqueue(MODERATIONS, OpenAIMock.json(OpenAIMock.resource("moderation_not_flagged.json")));
        PipelineSerializer serializer = PipelineSerializer.builder().build();
        Pipeline p = serializer.loads(yaml);
        Map<String, Map<String, Object>> out = p.run(Map.of("answerer", Map.of("query", "Who wrote Emma?",
                "documents", DOCS)));
        List<?> answers = (List<?>) out.get("answerer").get("answers");
        assertEquals(" Jane Austen.", ((GeneratedAnswer) answers.get(0)).data());
        assertEquals(100, server.bodies(OpenAIMock.PATH).get(0).get("max_tokens"));
        assertEquals(2, server.bodies(MODERATIONS).size());
        p.getComponent("answerer", DocumentAnswerGenerator.class).close();
        String dumped = serializer.dumps(p);
        assertEquals(dumped, serializer.dumps(serializer.loads(dumped)));
    }

    @Test
    void toDictNestsTheGeneratorAndTheModerationAndRoundTrips() {
        Secret env = Secret.fromEnvVar(List.of("OPENAI_API_KEY"), false);
        DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(OpenAIChatGenerator.builder().apiKey(env)
                .build()).moderation(OpenAIModeration.builder().apiKey(env).model("omni-moderation-2024-09-26")
                .build()).topK(1).build();
        Map<String, Object> dict = answerer.toDict();
        Map<?, ?> init = (Map<?, ?>) dict.get("init_parameters");
        assertEquals(OpenAIChatGenerator.class.getName(), ((Map<?, ?>) init.get("chat_generator")).get("type"));
        assertEquals(JsonValues.map("type", OpenAIModeration.class.getName(), "init_parameters", JsonValues.map(
                "api_key", env.toDict(), "model", "omni-moderation-2024-09-26", "api_base_url", null,
                "organization", null, "timeout", null, "max_retries", null, "http_client_kwargs", null)),
                init.get("moderation"));
        DocumentAnswerGenerator back = DocumentAnswerGenerator.fromDict(dict);
        assertEquals(dict, back.toDict());
        assertInstanceOf(OpenAIModeration.class, back.moderation());
        assertEquals(KwargsDialect.OPENAI, back.kwargsDialect());
        // a token secret never serialises
        assertThrows(RuntimeException.class, () -> DocumentAnswerGenerator.builder(chat()).build().toDict());
    }
}
