package dev.hayloft.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.builders.AnswerBuilder;
import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.PipelineException;
import dev.hayloft.core.testing.TestComponents.AddValue;
import dev.hayloft.core.testing.TestComponents.Joiner;
import dev.hayloft.core.testing.TestComponents.MessageSource;
import dev.hayloft.core.testing.TestComponents.Parrot;
import dev.hayloft.core.testing.TestComponents.Sink;
import dev.hayloft.core.testing.TestComponents.Sum;
import dev.hayloft.core.testing.TestComponents.Threshold;
import dev.hayloft.core.testing.TestComponents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineTest {

    static Pipeline ragLike() {
        Pipeline p = new Pipeline();
        p.addComponent("prompt_builder", PromptBuilder.builder(
                "Documents:{% for d in documents %} {{ d.content }}{% endfor %}\nQ: {{ query }}")
                .requiredVariables(List.of("query")).build());
        p.addComponent("llm", new Parrot("A: "));
        p.addComponent("answer_builder", new AnswerBuilder());
        p.connect("prompt_builder.prompt", "llm.prompt");
        p.connect("llm.replies", "answer_builder.replies");
        p.connect("llm.meta", "answer_builder.meta");
        return p;
    }

    @Test
    void promptBuilderGeneratorAnswerBuilderRuns() {
        List<Document> docs = List.of(Document.of("Ada lives in London."), Document.of("Bob lives in Paris."));
        Map<String, Map<String, Object>> out = ragLike().run(Map.of(
                "prompt_builder", Map.of("query", "Who lives in Paris?", "documents", docs),
                "answer_builder", Map.of("query", "Who lives in Paris?", "documents", docs)));
        assertEquals(Set.of("answer_builder"), out.keySet());
        @SuppressWarnings("unchecked")
        List<GeneratedAnswer> answers = (List<GeneratedAnswer>) out.get("answer_builder").get("answers");
        assertEquals(1, answers.size());
        GeneratedAnswer a = answers.get(0);
        assertEquals("A: Documents: Ada lives in London. Bob lives in Paris.\nQ: Who lives in Paris?", a.data());
        assertEquals(docs, a.documents());
        assertEquals(74, a.meta().get("prompt_length"));
    }

    @Test
    void pipelineRoundTripsThroughDicts() {
        Pipeline p = ragLike();
        Map<String, Object> dict = p.toDict();
        Pipeline back = Pipeline.fromDict(dict, TestComponents.registry(), Map.of());
        assertEquals(dict, back.toDict());
        assertEquals(List.of(Map.entry("prompt_builder.prompt", "llm.prompt"),
                Map.entry("llm.replies", "answer_builder.replies"), Map.entry("llm.meta", "answer_builder.meta")),
                back.connections());
        Map<String, Map<String, Object>> out = back.run(Map.of("prompt_builder", Map.of("query", "Q?"),
                "answer_builder", Map.of("query", "Q?")));
        assertTrue(out.containsKey("answer_builder"));
    }

    @Test
    void fromDictRefusesUnknownAndNonComponentTypesWithoutInstantiating() {
        for (String type : List.of("java.lang.ProcessBuilder", "java.lang.Runtime", "javax.script.ScriptEngineManager",
                "dev.hayloft.Nope")) {
            Map<String, Object> dict = Map.of("components", Map.of("evil", Map.of("type", type,
                    "init_parameters", Map.of("command", List.of("touch", "/tmp/pwned")))), "connections", List.of());
            DeserializationException e = assertThrows(DeserializationException.class,
                    () -> Pipeline.fromDict(dict, ComponentRegistry.defaults(), Map.of()));
            assertEquals("components.evil.type", e.path().orElseThrow());
            assertTrue(e.getMessage().contains(type));
        }
        assertFalse(new java.io.File("/tmp/pwned").exists());
    }

    @Test
    void connectingIncompatibleSocketsNamesBothEnds() {
        Pipeline p = new Pipeline();
        p.addComponent("add", new AddValue(1));
        p.addComponent("llm", new Parrot(""));
        PipelineException e = assertThrows(PipelineException.class, () -> p.connect("add.result", "llm.prompt"));
        assertTrue(e.getMessage().contains("Cannot connect 'add.result' with 'llm.prompt'"), e.getMessage());
        assertTrue(e.getMessage().contains("Integer cannot be delivered to String"), e.getMessage());
        assertEquals("llm", e.componentName().orElseThrow());
    }

    @Test
    void unknownComponentsAndSocketsAreNamed() {
        Pipeline p = new Pipeline();
        p.addComponent("add", new AddValue(1));
        p.addComponent("add2", new AddValue(1));
        PipelineException noSocket = assertThrows(PipelineException.class, () -> p.connect("add.sum", "add2.value"));
        assertTrue(noSocket.getMessage().contains("'add.sum' does not exist"), noSocket.getMessage());
        assertTrue(noSocket.getMessage().contains("result (type Integer)"), noSocket.getMessage());
        PipelineException noIn = assertThrows(PipelineException.class, () -> p.connect("add.result", "add2.values"));
        assertEquals("values", noIn.socketName().orElseThrow());
        PipelineException noComp = assertThrows(PipelineException.class, () -> p.connect("ghost", "add2.value"));
        assertEquals("ghost", noComp.componentName().orElseThrow());
        PipelineException self = assertThrows(PipelineException.class, () -> p.connect("add", "add"));
        assertTrue(self.getMessage().contains("itself"));
        p.connect("add.result", "add2.value");
        PipelineException twice = assertThrows(PipelineException.class,
                () -> p.addComponent("add3", new AddValue(1)).connect("add3.result", "add2.value"));
        assertTrue(twice.getMessage().contains("already connected"), twice.getMessage());
    }

    @Test
    void duplicateAndInvalidNamesAreRefused() {
        Pipeline p = new Pipeline();
        AddValue add = new AddValue(1);
        p.addComponent("add", add);
        PipelineException dup = assertThrows(PipelineException.class, () -> p.addComponent("add", new AddValue(2)));
        assertTrue(dup.getMessage().contains("A component named 'add' already exists"));
        assertThrows(PipelineException.class, () -> p.addComponent("other", add));
        assertThrows(PipelineException.class, () -> p.addComponent("a.b", new AddValue(2)));
        assertThrows(PipelineException.class, () -> p.addComponent("x", null));
    }

    @Test
    void missingMandatoryInputsAreNamedBeforeAnythingRuns() {
        Pipeline p = new Pipeline();
        AddValue add = new AddValue(1);
        p.addComponent("add", add);
        p.addComponent("llm", new Parrot(""));
        PipelineException e = assertThrows(PipelineException.class, () -> p.run(Map.of("add", Map.of("value", 1))));
        assertEquals("Missing input for component llm: prompt (type String)", e.getMessage());
        assertEquals("llm", e.componentName().orElseThrow());
        assertEquals("prompt", e.socketName().orElseThrow());
        assertTrue(add.calls.isEmpty());
        PipelineException wrongType = assertThrows(PipelineException.class,
                () -> p.run(Map.of("add", Map.of("value", "one"), "llm", Map.of("prompt", "x"))));
        assertTrue(wrongType.getMessage().contains("expects Integer but got String"), wrongType.getMessage());
        PipelineException unknownInput = assertThrows(PipelineException.class,
                () -> p.run(Map.of("add", Map.of("valu", 1), "llm", Map.of("prompt", "x"))));
        assertTrue(unknownInput.getMessage().contains("Input valu not found in component add"));
    }

    static Pipeline counterLoop(int maxRuns, int threshold) {
        Pipeline p = new Pipeline(Map.of(), maxRuns, true);
        p.addComponent("joiner", new Joiner());
        p.addComponent("add", new AddValue(1));
        p.addComponent("check", new Threshold(threshold));
        p.connect("joiner.value", "add.value");
        p.connect("add.result", "check.value");
        p.connect("check.below", "joiner.value");
        return p;
    }

    @Test
    void loopsRunUntilTheirExitCondition() {
        Map<String, Map<String, Object>> out = counterLoop(100, 5).run(Map.of("joiner", Map.of("value", 0)));
        assertEquals(Map.of("check", Map.of("above", 5)), out);
    }

    @Test
    void aLoopExceedingItsBoundFailsNamingTheComponent() {
        PipelineException e = assertThrows(PipelineException.class,
                () -> counterLoop(10, 1000).run(Map.of("joiner", Map.of("value", 0))));
        assertTrue(e.getMessage().startsWith("Maximum run count 10 reached for component '"), e.getMessage());
        assertTrue(e.componentName().isPresent());
    }

    @Test
    void routersSkipBranchesAndVariadicSocketsCollectEverySender() {
        Pipeline p = new Pipeline();
        p.addComponent("a", new AddValue(1));
        p.addComponent("b", new AddValue(10));
        p.addComponent("sum", new Sum());
        p.addComponent("route", new Threshold(15));
        p.addComponent("high", new AddValue(100));
        p.addComponent("low", new AddValue(-100));
        p.connect("a.result", "sum.values");
        p.connect("b.result", "sum.values");
        p.connect("sum.total", "route.value");
        p.connect("route.above", "high.value");
        p.connect("route.below", "low.value");
        Map<String, Map<String, Object>> out = p.run(Map.of("a", Map.of("value", 1), "b", Map.of("value", 2)),
                Set.of("sum"));
        assertEquals(Map.of("total", 14), out.get("sum"));
        assertEquals(Map.of("result", -86), out.get("low"));
        assertFalse(out.containsKey("high"));
    }

    @Test
    void haystacksConversionsApplyOnConnections() {
        Pipeline p = new Pipeline();
        p.addComponent("src", new MessageSource(ChatMessage.fromAssistant("hello")));
        p.addComponent("to_text", new Sink());
        p.addComponent("prompt", PromptBuilder.builder("say {{ x }}").allVariablesRequired().build());
        p.addComponent("to_messages", new Sink());
        p.addComponent("llm", new Parrot("> "));
        p.addComponent("unwrapped", new Sink());
        p.connect("src.message", "to_text.text");          // ChatMessage -> String
        p.connect("prompt.prompt", "to_messages.messages"); // String -> List<ChatMessage>
        p.connect("llm.replies", "unwrapped.text");         // one-element List<String> -> String
        PipelineException notConvertible = assertThrows(PipelineException.class,
                () -> p.connect("src.messages", "to_text.texts")); // List<ChatMessage> -> List<String>: none
        assertTrue(notConvertible.getMessage().contains("do not match"), notConvertible.getMessage());
        p.run(Map.of("prompt", Map.of("x", "hi"), "llm", Map.of("prompt", "yo")));
        assertEquals(List.of("hello"), ((Sink) p.getComponent("to_text")).received);
        assertEquals(List.of(List.of(ChatMessage.fromUser("say hi"))), ((Sink) p.getComponent("to_messages")).received);
        assertEquals(List.of("> yo"), ((Sink) p.getComponent("unwrapped")).received);
    }

    @Test
    void flatInputsWorkWhenUnambiguous() {
        Pipeline p = new Pipeline();
        p.addComponent("add", new AddValue(1));
        p.addComponent("llm", new Parrot(""));
        Map<String, Map<String, Object>> out = p.runFlat(Map.of("value", 41, "prompt", "x"));
        assertEquals(42, out.get("add").get("result"));
        p.addComponent("add2", new AddValue(1));
        PipelineException amb = assertThrows(PipelineException.class, () -> p.runFlat(Map.of("value", 1)));
        assertTrue(amb.getMessage().contains("ambiguous"), amb.getMessage());
        PipelineException none = assertThrows(PipelineException.class, () -> p.runFlat(Map.of("nothing", 1)));
        assertTrue(none.getMessage().contains("does not match any open input socket"));
    }

    @Test
    void includeOutputsFromKeepsConsumedOutputs() {
        Map<String, Map<String, Object>> out = ragLike().run(
                Map.of("prompt_builder", Map.of("query", "Q"), "answer_builder", Map.of("query", "Q")),
                Set.of("llm", "prompt_builder"));
        assertEquals(List.of("A: Documents:\nQ: Q"), out.get("llm").get("replies"));
        assertTrue(out.get("prompt_builder").containsKey("prompt"));
        assertThrows(PipelineException.class, () -> ragLike().run(Map.of(), Set.of("nope")));
    }

    @Test
    void componentFailuresAreAttributed() {
        Pipeline p = new Pipeline();
        p.addComponent("builder", PromptBuilder.builder("{{ x }}").requiredVariables(List.of("x")).build());
        p.addComponent("answer", new AnswerBuilder());
        p.connect("builder.prompt", "answer.query");
        PipelineException e = assertThrows(PipelineException.class,
                () -> p.run(Map.of("builder", Map.of("x", "q"), "answer", Map.of("replies", List.of(42)))));
        assertEquals("answer", e.componentName().orElseThrow());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getMessage().contains("replies[0] must be a String or a ChatMessage"), e.getMessage());
    }
}
