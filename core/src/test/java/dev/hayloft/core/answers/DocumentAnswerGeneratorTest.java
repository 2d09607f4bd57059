package dev.hayloft.core.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentSockets;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.generation.TokenCounter;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.core.tools.ToolSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DocumentAnswerGeneratorTest {
    static final Document PARIS = new Document("d1", "Paris is the capital of France.", null,
            Map.of("name", "paris.txt"), 0.9, null, null);
    static final Document ROME = new Document("d2", "Rome is the capital of Italy.", null, Map.of(), 0.5, null, null);

    /** The prompt Haystack 1.x's OpenAIAnswerGenerator._fill_prompt builds with its defaults (documents reversed). */
    static String haystackPrompt(String context, String query) {
        return "Please answer the question according to the above context.\n===\nContext: In 2017, U.S. life "
                + "expectancy was 78.6 years.\n===\nQ: What is human life expectancy in the United States?\n"
                + "A: 78 years.\n\n===\nContext: " + context + "\n===\nQ: " + query + "\nA:";
    }

    @Test
    void defaultPromptIsHaystack1xsWithTheMostRelevantDocumentLast() {
        FakeChat chat = FakeChat.answering("Paris.");
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(chat).topK(1).build();
        DocumentAnswerGenerator.Result r = a.run("What is the capital of France?", List.of(PARIS, ROME));
        String expected = haystackPrompt("Rome is the capital of Italy. Paris is the capital of France.",
                "What is the capital of France?");
        assertEquals(List.of(ChatMessage.fromUser(expected)), chat.calls.get(0).messages());
        assertEquals(expected, r.meta().get("prompt"));
        // several examples are separated by ---
        DocumentAnswerGenerator two = DocumentAnswerGenerator.builder(chat).topK(1).examplesContext("X")
                .examples(List.of(new AnswerExample("q1", "a1"), new AnswerExample("q2", "a2"))).build();
        two.run("Q?", List.of());
        assertTrue(chat.calls.get(1).messages().get(0).text().contains("===\nContext: X\n===\nQ: q1\nA: a1\n---\n"
                + "Q: q2\nA: a2\n\n===\nContext: \n===\nQ: Q?\nA:"), chat.calls.get(1).messages().get(0).text());
    }

    @Test
    void answersReferenceTheDocumentsAndCarryHaystack1xMeta() {
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(FakeChat.answering("Paris."))
                .kwargsDialect(KwargsDialect.OPENAI).topK(2).build();
        DocumentAnswerGenerator.Result r = a.run("Capital of France?", List.of(PARIS, ROME));
        assertEquals(2, r.answers().size());
        GeneratedAnswer first = r.answers().get(0);
        assertEquals("Paris.", first.data());
        assertEquals("Capital of France?", first.query());
        assertEquals(List.of(PARIS, ROME), first.documents());
        assertEquals(List.of("d1", "d2"), first.meta().get("doc_ids"));
        assertEquals(List.of(0.9, 0.5), first.meta().get("doc_scores"));
        assertEquals(List.of(PARIS.content(), ROME.content()), first.meta().get("content"));
        assertEquals(List.of("paris.txt", ""), first.meta().get("titles"));
        assertEquals(r.meta().get("prompt"), first.meta().get("prompt"));
        assertEquals("fake", first.meta().get("model"));
        assertEquals(1, r.answers().get(1).meta().get("index"));
        assertEquals(List.of("d1", "d2"), r.meta().get("doc_ids"));
        assertEquals(List.of(), r.meta().get("skipped_doc_ids"));
        assertEquals(DocumentAnswerGenerator.DEFAULT_CONTEXT_WINDOW, r.meta().get("context_window"));
        assertTrue((Integer) r.meta().get("prompt_tokens") > 40);
    }

    @Test
    void documentsThatDoNotFitAreLeftOutTheLeastRelevantFirst() {
        Document big = new Document("big", "x".repeat(400), null, Map.of(), null, null, null);
        Document empty = new Document("blob", null, null, Map.of(), null, null, null);
        FakeChat chat = FakeChat.answering("ok");
        // one token per character, so counts are easy to follow
        TokenCounter perChar = String::length;
        int bare = perChar.countTokens(List.of(ChatMessage.fromUser(haystackPrompt("", "Q?"))));
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(chat).topK(1).maxTokens(10).tokenCounter(perChar)
                .contextWindow(bare + 10 + PARIS.content().length() + 1 + ROME.content().length()).build();
        DocumentAnswerGenerator.Result r = a.run("Q?", List.of(PARIS, big, empty, ROME));
        // big does not fit after PARIS; ROME still does; a document without text is skipped
        assertEquals(List.of("d1", "d2"), r.meta().get("doc_ids"));
        assertEquals(List.of("blob", "big"), r.meta().get("skipped_doc_ids"));
        assertEquals(List.of(PARIS, ROME), r.answers().get(0).documents());
        assertEquals(r.meta().get("context_window"), (Integer) r.meta().get("prompt_tokens") + 10);

        DocumentAnswerGenerator tight = a.toBuilder().contextWindow(bare + 10 + 5).build();
        DocumentAnswerGenerator.Result none = tight.run("Q?", List.of(PARIS, ROME));
        assertEquals(List.of(), none.meta().get("doc_ids"));
        assertEquals(List.of(), none.answers().get(0).documents());

        ContextLengthExceededException e = assertThrows(ContextLengthExceededException.class,
                () -> a.toBuilder().contextWindow(bare + 5).build().run("Q?", List.of(PARIS)));
        assertTrue(e.getMessage().contains("without documents takes " + bare + " tokens"), e.getMessage());
        assertFalse(e.isRetryable());
    }

    @Test
    void theEstimateCountsFourCharactersATokenPlusMessageOverhead() {
        assertEquals(8, TokenCounter.estimate().countTokens("Paris is the capital of France."));
        assertEquals(2, TokenCounter.estimate(2).countTokens("abcd"));
        assertEquals(TokenCounter.PROMPT_OVERHEAD + TokenCounter.MESSAGE_OVERHEAD + 1,
                TokenCounter.estimate().countTokens(List.of(ChatMessage.fromUser("Hi!"))));
        assertThrows(IllegalArgumentException.class, () -> TokenCounter.estimate(0));
    }

    @Test
    void eachDialectSpellsTheSamplingSettingsItsWay() {
        FakeChat chat = FakeChat.answering("A");
        DocumentAnswerGenerator.Builder b = DocumentAnswerGenerator.builder(chat).topK(3).maxTokens(20)
                .stopWords(List.of("\n"));
        assertEquals(3, b.kwargsDialect(KwargsDialect.OPENAI).build().run("Q?", List.of()).answers().size());
        assertEquals(JsonValues.map("max_tokens", 20, "stop", List.of("\n"), "temperature", 0.2,
                "presence_penalty", 0.1, "frequency_penalty", 0.1, "n", 3), chat.calls.get(0).kwargs());
        chat.calls.clear();

        assertEquals(3, b.kwargsDialect(KwargsDialect.HUGGING_FACE_API).build().run("Q?", List.of()).answers().size());
        assertEquals(3, chat.calls.size());   // no n: one call per answer
        assertEquals(JsonValues.map("max_tokens", 20, "stop", List.of("\n"), "temperature", 0.2,
                "presence_penalty", 0.1, "frequency_penalty", 0.1), chat.calls.get(2).kwargs());
        chat.calls.clear();

        b.kwargsDialect(KwargsDialect.HUGGING_FACE_LOCAL).build().run("Q?", List.of());
        assertEquals(List.of(JsonValues.map("max_new_tokens", 20, "stop_sequences", List.of("\n"), "do_sample", true,
                "temperature", 0.2, "num_return_sequences", 3)), chat.calls.stream().map(FakeChat.Call::kwargs).toList());
        chat.calls.clear();

        b.temperature(0).build().run("Q?", List.of());   // greedy: num_return_sequences needs sampling
        assertEquals(3, chat.calls.size());
        assertEquals(JsonValues.map("max_new_tokens", 20, "stop_sequences", List.of("\n"), "do_sample", false),
                chat.calls.get(0).kwargs());
        chat.calls.clear();

        DocumentAnswerGenerator pass = b.kwargsDialect(KwargsDialect.PASS_THROUGH)
                .generationKwargs(Map.of("max_completion_tokens", 99)).build();
        pass.run("Q?", List.of(), 2, Map.of("seed", 7));
        assertEquals(2, chat.calls.size());
        assertEquals(JsonValues.map("max_completion_tokens", 99, "seed", 7), chat.calls.get(0).kwargs());
        // an unregistered generator gets the pass-through dialect
        assertEquals(KwargsDialect.PASS_THROUGH, DocumentAnswerGenerator.builder(chat).build().kwargsDialect());
        assertEquals(KwargsDialect.PASS_THROUGH, KwargsDialect.detect(chat));
    }

    @Test
    void moderationFlaggingTheInputOrTheAnswersGivesNoAnswersWithTheReason() {
        FakeChat chat = FakeChat.answering("a violent answer");
        FakeModeration moderation = new FakeModeration("violent");
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(chat).topK(1).moderation(moderation).build();

        DocumentAnswerGenerator.Result input = a.run("How do I do violent things?", List.of(PARIS));
        assertEquals(List.of(), input.answers());
        assertEquals(0, chat.calls.size());   // nothing is generated for a flagged prompt
        assertEquals(JsonValues.map("stage", "input", "flagged", true, "categories", List.of("violence"),
                "flagged_indices", List.of(0), "model", "fake"), input.meta().get("moderation"));
        assertEquals(List.of("d1"), input.meta().get("doc_ids"));

        DocumentAnswerGenerator.Result output = a.run("Capital of France?", List.of(PARIS));
        assertEquals(List.of(), output.answers());
        assertEquals(1, chat.calls.size());
        assertEquals("answers", ((Map<?, ?>) output.meta().get("moderation")).get("stage"));
        assertEquals(List.of(List.of(output.meta().get("prompt")), List.of("a violent answer")),
                moderation.seen.subList(1, 3));

        DocumentAnswerGenerator clean = a.toBuilder().chatGenerator(FakeChat.answering("Paris.")).build();
        DocumentAnswerGenerator.Result ok = clean.run("Capital of France?", List.of(PARIS));
        assertEquals("Paris.", ok.answers().get(0).data());
        assertNull(ok.meta().get("moderation"));
    }

    @Test
    void toDictHasTheNestedGeneratorAndRoundTrips() {
        ComponentRegistry registry = ComponentRegistry.defaults().toBuilder()
                .register(ComponentType.of(FakeChat.class, (i, c) -> FakeChat.answering("x")))
                .register(ComponentType.of(FakeModeration.class, (i, c) -> new FakeModeration(i.string("word", ""))))
                .build();
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(FakeChat.answering("x")).topK(2).maxTokens(30)
                .moderation(new FakeModeration("bad")).contextWindow(512).kwargsDialect(KwargsDialect.OPENAI)
                .referencePattern("\\[(\\d+)\\]").build();
        Map<String, Object> dict = a.toDict();
        assertEquals("dev.hayloft.core.answers.DocumentAnswerGenerator", dict.get("type"));
        Map<?, ?> init = (Map<?, ?>) dict.get("init_parameters");
        assertEquals(List.of("chat_generator", "template", "examples_context", "examples", "context_join_str", "top_k",
                "max_tokens", "temperature", "presence_penalty", "frequency_penalty", "stop_words",
                "generation_kwargs", "kwargs_dialect", "context_window", "chars_per_token", "moderation", "pattern",
                "reference_pattern", "progress_bar"), List.copyOf(init.keySet()));
        assertEquals(JsonValues.map("type", FakeChat.class.getName(), "init_parameters", Map.of()),
                init.get("chat_generator"));
        assertEquals(List.of(List.of("What is human life expectancy in the United States?", "78 years.")),
                init.get("examples"));
        assertEquals(List.of(ChatMessage.fromUser(DocumentAnswerGenerator.DEFAULT_PROMPT).toDict()),
                init.get("template"));
        assertEquals(List.of("\n", "<|endoftext|>"), init.get("stop_words"));
        assertEquals("openai", init.get("kwargs_dialect"));
        assertEquals(JsonValues.map("type", FakeModeration.class.getName(), "init_parameters",
                Map.of("word", "bad")), init.get("moderation"));

        DocumentAnswerGenerator back = (DocumentAnswerGenerator) registry.fromDict(dict);
        assertEquals(dict, back.toDict());
        assertInstanceOf(FakeModeration.class, back.moderation());

        Map<String, Object> minimal = Map.of("type", DocumentAnswerGenerator.class.getName(), "init_parameters",
                Map.of("chat_generator", Map.of("type", FakeChat.class.getName())));
        DocumentAnswerGenerator defaults = (DocumentAnswerGenerator) registry.fromDict(minimal);
        assertEquals(DocumentAnswerGenerator.builder(FakeChat.answering("x")).build().toDict(), defaults.toDict());

        DeserializationException bad = assertThrows(DeserializationException.class, () -> registry.fromDict(Map.of(
                "type", DocumentAnswerGenerator.class.getName(), "init_parameters", Map.of("chat_generator",
                        Map.of("type", FakeChat.class.getName()), "examples", List.of(List.of("only a question"))))));
        assertTrue(bad.getMessage().contains("examples[0] must be a [question, answer] pair"), bad.getMessage());
        assertThrows(DeserializationException.class, () -> registry.fromDict(Map.of("type",
                DocumentAnswerGenerator.class.getName(), "init_parameters", Map.of("chat_generator",
                        Map.of("type", FakeModeration.class.getName())))));
        assertThrows(DeserializationException.class, () -> registry.fromDict(Map.of("type",
                DocumentAnswerGenerator.class.getName(), "init_parameters", Map.of("chatgenerator", Map.of()))));
    }

    @Test
    void badSettingsAndInputsNameTheirField() {
        FakeChat chat = FakeChat.answering("x");
        assertMessage("chat_generator", () -> DocumentAnswerGenerator.builder(null).build());
        assertMessage("top_k", () -> DocumentAnswerGenerator.builder(chat).topK(0).build());
        assertMessage("template must be a non-empty list", () -> DocumentAnswerGenerator.builder(chat).template(null)
                .build());
        assertMessage("examples must not be null", () -> DocumentAnswerGenerator.builder(chat).examples(null).build());
        assertMessage("max_tokens", () -> DocumentAnswerGenerator.builder(chat).maxTokens(0).build());
        assertMessage("temperature", () -> DocumentAnswerGenerator.builder(chat).temperature(-1).build());
        assertMessage("presence_penalty", () -> DocumentAnswerGenerator.builder(chat).presencePenalty(3).build());
        assertMessage("frequency_penalty", () -> DocumentAnswerGenerator.builder(chat).frequencyPenalty(-3).build());
        assertMessage("stop_words[0]", () -> DocumentAnswerGenerator.builder(chat).stopWords(List.of("")).build());
        assertMessage("context_window", () -> DocumentAnswerGenerator.builder(chat).contextWindow(50).build());
        assertMessage("chars_per_token", () -> DocumentAnswerGenerator.builder(chat).charsPerToken(0.0).build());
        assertMessage("template uses [name]", () -> DocumentAnswerGenerator.builder(chat)
                .template(List.of(ChatMessage.fromUser("{{ query }} {{ context }} {{ name }}"))).build());
        assertMessage("template must use 'query'", () -> DocumentAnswerGenerator.builder(chat)
                .template(List.of(ChatMessage.fromUser("{{ context }}"))).build());
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(chat).build();
        assertMessage("query", () -> a.run(null, List.of()));
        assertMessage("documents[1]", () -> a.run("Q?", Arrays.asList(PARIS, null)));
        assertMessage("top_k", () -> a.run("Q?", List.of(), 0, null));
        // a template of one's own, with the documents in relevance order
        DocumentAnswerGenerator own = DocumentAnswerGenerator.builder(chat).topK(1).template(List.of(
                ChatMessage.fromSystem("Answer from the documents."),
                ChatMessage.fromUser("{% for d in documents %}[{{ loop.index }}] {{ d.content }}\n{% endfor %}{{ query }}")))
                .build();
        own.run("Q?", List.of(PARIS, ROME));
        assertEquals("[1] " + PARIS.content() + "\n[2] " + ROME.content() + "\nQ?",
                chat.calls.get(chat.calls.size() - 1).messages().get(1).text());
    }

    private static void assertMessage(String expected, Executable run) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void socketsAreHaystackNamedAndTheComponentRunsByName() {
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(FakeChat.answering("Paris.")).topK(1).build();
        ComponentSockets s = ComponentSockets.of(a);
        assertEquals(List.of("query", "documents", "top_k", "generation_kwargs"), List.copyOf(s.inputMap().keySet()));
        assertEquals(List.of("answers", "meta"), List.copyOf(s.outputMap().keySet()));
        Map<String, Object> out = Components.invoke(a, Map.of("query", "Q?", "documents", List.of(PARIS)));
        assertEquals("Paris.", ((List<?>) out.get("answers")).stream().map(x -> ((GeneratedAnswer) x).data())
                .findFirst().orElseThrow());
    }

    @Test
    void cancellingARequestCancelsTheGenerationInFlightAndCloseClosesTheParts() {
        CompletableFuture<ChatGeneratorResult> inFlight = new CompletableFuture<>();
        AtomicReference<Boolean> started = new AtomicReference<>(false);
        FakeChat never = new FakeChat((m, kw) -> List.of(), null);
        DocumentAnswerGenerator a = DocumentAnswerGenerator.builder(new Pending(inFlight, started)).topK(1).build();
        CompletableFuture<DocumentAnswerGenerator.Result> f = a.runAsync("Q?", List.of(), null, null);
        assertTrue(started.get());
        assertTrue(f.cancel(true));
        assertTrue(inFlight.isCancelled());
        assertThrows(CancellationException.class, f::join);

        DocumentAnswerGenerator closing = DocumentAnswerGenerator.builder(never).build();
        closing.close();
        assertTrue(never.closed);
    }

    /** A generator whose request never ends by itself. */
    private static final class Pending implements ChatGenerator {
        private final CompletableFuture<ChatGeneratorResult> future;
        private final AtomicReference<Boolean> started;

        Pending(CompletableFuture<ChatGeneratorResult> future,
                AtomicReference<Boolean> started) {
            this.future = future;
            this.started = started;
        }

        @Override
        public ChatGeneratorResult run(List<ChatMessage> messages,
                Map<String, Object> kwargs, List<? extends ToolSource> tools,
                StreamingCallback cb) {
            return future.join();
        }

        @Override
        public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages,
                Map<String, Object> kwargs, List<? extends ToolSource> tools,
                StreamingCallback cb) {
            started.set(true);
            return future;
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }
}
