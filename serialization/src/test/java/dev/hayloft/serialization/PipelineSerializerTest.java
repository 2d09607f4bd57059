package dev.hayloft.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.builders.AnswerBuilder;
import dev.hayloft.core.builders.ChatPromptBuilder;
import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSerializerTest {
    static final ComponentRegistry REGISTRY = ComponentRegistry.defaults().toBuilder()
            .register(ComponentType.of(SecretHolder.class, SecretHolder::create)).build();

    static Pipeline everyCoreComponent() {
        Pipeline p = new Pipeline(Map.of("owner", "team-a"), 7, true);
        p.addComponent("prompt", PromptBuilder.builder("Q: {{ query }}\n{% for d in documents %}{{ d.content }}"
                + "{% endfor %}").requiredVariables(List.of("query")).build());
        p.addComponent("chat_prompt", ChatPromptBuilder.builder(List.of(ChatMessage.fromSystem("Be {{ tone }}."),
                ChatMessage.fromUser("{{ question }}"))).allVariablesRequired().build());
        p.addComponent("answers", AnswerBuilder.builder().pattern("A: (.*)").referencePattern("\\[(\\d+)\\]")
                .lastMessageOnly(true).build());
        p.addComponent("holder", new SecretHolder(Secret.fromEnvVar(List.of("K1", "K2"), false), 9));
        p.connect("prompt.prompt", "answers.query");
        return p;
    }

    @Test
    void roundTripsAreByteIdenticalInYamlAndJson() {
        for (Marshaller m : List.of(YamlMarshaller.create(), JsonMarshaller.create())) {
            PipelineSerializer s = PipelineSerializer.builder().marshaller(m).registry(REGISTRY).build();
            String first = s.dumps(everyCoreComponent());
            String second = s.dumps(s.loads(first));
            assertEquals(first, second, m.getClass().getSimpleName());
        }
    }

    @Test
    void writesHaystackTypeNamesWhenAsked() {
        PipelineSerializer haystack = PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build();
        Pipeline p = new Pipeline();
        p.addComponent("prompt_builder", new PromptBuilder("{{ query }}"));
        String yaml = haystack.dumps(p);
        assertTrue(yaml.contains("type: haystack.components.builders.prompt_builder.PromptBuilder"), yaml);
        assertEquals(p.toDict(), haystack.loads(yaml).toDict());
        p.addComponent("holder", new SecretHolder(Secret.fromEnvVar("K"), 1));
        SerializationException e = assertThrows(SerializationException.class,
                () -> PipelineSerializer.builder().registry(REGISTRY).typeNames(TypeNames.HAYSTACK).build().dumps(p));
        assertTrue(e.getMessage().contains("no Haystack counterpart"));
    }

    @Test
    void nestedComponentsGetHaystackTypeNamesToo() {
        ComponentRegistry registry = REGISTRY.toBuilder()
                .register(ComponentType.of(NestedHolder.class, NestedHolder::create, "haystack.testing.NestedHolder"))
                .build();
        Pipeline p = new Pipeline();
        p.addComponent("holder", new NestedHolder(List.of(new PromptBuilder("{{ a }}"), new PromptBuilder("{{ b }}"))));
        PipelineSerializer haystack = PipelineSerializer.builder().registry(registry).typeNames(TypeNames.HAYSTACK)
                .build();
        String yaml = haystack.dumps(p);
        assertTrue(yaml.contains("type: haystack.testing.NestedHolder"), yaml);
        assertEquals(2, yaml.split("type: haystack.components.builders.prompt_builder.PromptBuilder", -1).length - 1,
                yaml);
        assertEquals(p.toDict(), haystack.loads(yaml).toDict(), "the Haystack names load back");

        p.addComponent("outer", new NestedHolder(List.of(new SecretHolder(Secret.fromEnvVar("K"), 1))));
        SerializationException e = assertThrows(SerializationException.class, () -> haystack.dumps(p));
        assertTrue(e.getMessage().contains("components.outer.init_parameters.inner[0]"), e.getMessage());
    }

    @Test
    void loadsAndRunsAPipelineWrittenByHaystack() {
        Pipeline p = PipelineSerializer.builder().build().loads(YamlMarshallerTest.resource("haystack/prompt_answer.yaml"));
        assertInstanceOf(PromptBuilder.class, p.getComponent("prompt_builder"));
        AnswerBuilder answers = p.getComponent("answer_builder", AnswerBuilder.class);
        assertEquals("Answer: (.*)", answers.toDict().get("init_parameters") instanceof Map
                ? ((Map<?, ?>) answers.toDict().get("init_parameters")).get("pattern") : null);
        Map<String, Map<String, Object>> out = p.run(Map.of("prompt_builder", Map.of("query", "Who?"),
                "answer_builder", Map.of("replies", List.of("Thinking... Answer: Ada [1]"))));
        @SuppressWarnings("unchecked")
        GeneratedAnswer a = ((List<GeneratedAnswer>) out.get("answer_builder").get("answers")).get(0);
        assertEquals("Ada [1]", a.data());
        assertTrue(a.query().endsWith("Question: Who?\nAnswer:"), a.query());
    }

    @Test
    void dumpsHaystacksFileBackByteForByteWithHaystackNames() {
        String haystack = YamlMarshallerTest.resource("haystack/prompt_answer.yaml");
        String body = haystack.substring(haystack.indexOf("components:"));
        Pipeline p = PipelineSerializer.builder().build().loads(haystack);
        assertEquals(body, PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build().dumps(p));
    }

    @Test
    void callbacksEditInitParametersAndInstancesCanBeReused() {
        String yaml = PipelineSerializer.builder().registry(REGISTRY).build().dumps(everyCoreComponent());
        SecretHolder mine = new SecretHolder(Secret.fromEnvVar("MINE"), 1);
        Pipeline p = PipelineSerializer.builder().registry(REGISTRY).component("holder", mine)
                .callbacks((name, type, init) -> {
                    if (type.componentClass() == AnswerBuilder.class) {
                        init.put("pattern", "Final: (.*)");
                    }
                }).build().loads(yaml);
        assertSame(mine, p.getComponent("holder"));
        assertEquals("Final: (.*)", ((Map<?, ?>) p.getComponent("answers").toDict().get("init_parameters"))
                .get("pattern"));
    }

    @Test
    void filesRoundTrip(@TempDir Path dir) {
        PipelineSerializer s = PipelineSerializer.builder().registry(REGISTRY).build();
        Path f = dir.resolve("p.yaml");
        s.dump(everyCoreComponent(), f);
        assertEquals(s.dumps(everyCoreComponent()), s.dumps(s.load(f)));
    }

    @Test
    void allowListedPackagesResolveWithoutRegistration() {
        String yaml = PipelineSerializer.builder().registry(REGISTRY).build().dumps(everyCoreComponent());
        ComponentRegistry allow = ComponentRegistry.defaults().toBuilder().allowPackage("dev.hayloft.serialization")
                .build();
        Pipeline p = PipelineSerializer.builder().registry(allow).build().loads(yaml);
        assertInstanceOf(SecretHolder.class, p.getComponent("holder"));
        assertThrows(IllegalArgumentException.class, () -> ComponentRegistry.builder().allowPackage("java.lang"));
    }
}
