package dev.hayloft.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.testing.TestComponents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentSocketsTest {
    @Test
    void socketsAreReadFromTheRunMethodWithoutRunningIt() {
        ComponentSockets s = ComponentSockets.of(new TestComponents.Parrot("x"));
        assertEquals(List.of("prompt"), s.inputs().stream().map(InputSocket::name).toList());
        assertTrue(s.input("prompt").mandatory());
        assertEquals("String", s.input("prompt").typeName());
        assertEquals("List[String]", s.output("replies").typeName());
        assertEquals("List[Map[String, Any]]", s.output("meta").typeName());
        ComponentSockets joiner = ComponentSockets.of(new TestComponents.Joiner());
        assertTrue(joiner.input("value").variadic());
        assertTrue(joiner.input("value").greedy());
        assertEquals("Integer", joiner.input("value").typeName());
    }

    @Test
    void dynamicSocketsComeFromTheInstance() {
        PromptBuilder b = PromptBuilder.builder("{{ a }} {{ b }}").requiredVariables(List.of("b")).build();
        ComponentSockets s = ComponentSockets.of(b);
        assertEquals(List.of("template", "template_variables", "a", "b"),
                s.inputs().stream().map(InputSocket::name).toList());
        assertFalse(s.input("a").mandatory());
        assertEquals("", s.input("a").defaultValue());
        assertTrue(s.input("b").mandatory());
    }

    static final class NoRun implements Component {
        @Override
        public Map<String, Object> toDict() {
            return Map.of();
        }
    }

    static final class Unannotated implements Component {
        public record R(String x) {
        }

        @Run
        public R run(String x) {
            return new R(x);
        }

        @Override
        public Map<String, Object> toDict() {
            return Map.of();
        }
    }

    static final class BadReturn implements Component {
        @Run
        public String run(@Input("x") String x) {
            return x;
        }

        @Override
        public Map<String, Object> toDict() {
            return Map.of();
        }
    }

    @Test
    void malformedComponentsAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ComponentSockets.of(new NoRun())).getMessage()
                .contains("no public method annotated @Run"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ComponentSockets.of(new Unannotated()))
                .getMessage().contains("needs @Input"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ComponentSockets.of(new BadReturn()))
                .getMessage().contains("must return a record"));
    }

    @Test
    void invokeCallsTheTypedRunMethodBySocketName() {
        Map<String, Object> out = Components.invoke(new TestComponents.AddValue(2), Map.of("value", 40));
        assertEquals(Map.of("result", 42), out);
        Map<String, Object> routed = Components.invoke(new TestComponents.Threshold(10), Map.of("value", 3));
        assertEquals(Map.of("below", 3), routed);
        assertThrows(IllegalArgumentException.class,
                () -> Components.invoke(new TestComponents.AddValue(2), Map.of("valu", 40)));
    }

    @Test
    void registryResolvesHaystackAliasesAndRefusesUnknownTypes() {
        ComponentRegistry r = ComponentRegistry.defaults();
        Component c = r.fromDict(Map.of("type", "haystack.components.builders.prompt_builder.PromptBuilder",
                "init_parameters", Map.of("template", "Hi {{ name }}")));
        assertTrue(c instanceof PromptBuilder);
        assertTrue(r.streamingCallback("haystack.components.generators.utils.print_streaming_chunk").isPresent());
        DeserializationException e = assertThrows(DeserializationException.class,
                () -> r.fromDict(Map.of("type", "java.lang.ProcessBuilder")));
        assertTrue(e.getMessage().contains("not in the component registry"));
        DeserializationException bad = assertThrows(DeserializationException.class,
                () -> r.fromDict(Map.of("type", PromptBuilder.class.getName(), "init_parameters",
                        Map.of("template", 42))));
        assertEquals("init_parameters.template", bad.path().orElseThrow());
        assertThrows(DeserializationException.class, () -> PromptBuilder.fromDict(new dev.hayloft.core.builders
                .AnswerBuilder().toDict()));
    }
}
