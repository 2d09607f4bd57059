package dev.hayloft.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.errors.ToolInvocationException;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolTest {
    static final Map<String, Object> PARAMS = Map.of("type", "object", "properties",
            Map.of("city", Map.of("type", "string")), "required", List.of("city"));
    static final ToolFunction WEATHER = args -> "sunny in " + args.get("city");

    static Tool weather() {
        return Tool.builder().name("weather").description("Get weather report").parameters(PARAMS)
                .function("test_tool.get_weather_report", WEATHER).build();
    }

    @Test
    void readsHaystacksToolDictAndWritesItBackUnderOurTypeName() {
        Map<String, Object> haystack = Fixtures.dict("haystack/tool.json");
        ComponentRegistry registry = ComponentRegistry.builder()
                .toolFunction("test_tool.get_weather_report", WEATHER).build();
        Tool t = Tool.fromDict(DictReader.of(haystack, "tools[0]"), DeserializationContext.of(registry));
        assertSame(WEATHER, t.function());
        assertEquals("sunny in Paris", t.invoke(Map.of("city", "Paris")));
        Map<String, Object> ours = new java.util.LinkedHashMap<>(haystack);
        ours.put("type", Tool.TYPE);
        assertEquals(ours, t.toDict());
        assertEquals(Map.of("name", "weather", "description", "Get weather report", "parameters", PARAMS),
                t.toolSpec());
    }

    @Test
    void unregisteredFunctionIsRefusedWithPath() {
        DeserializationException e = assertThrows(DeserializationException.class, () -> Tool.fromDict(
                DictReader.of(Fixtures.dict("haystack/tool.json"), "tools[0]"),
                DeserializationContext.of(ComponentRegistry.builder().build())));
        assertEquals("tools[0].data.function", e.path().orElseThrow());
    }

    @Test
    void invalidSchemasAreRefusedAtBuildTime() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("type", "objekt"),
                Map.of("type", "object", "properties", "city"), Map.of("required", List.of("a", "a")),
                Map.of("properties", Map.of("n", Map.of("minLength", -1))), Map.of("pattern", "(unclosed"),
                Map.of("anyOf", List.of()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tool.builder().name("t").description("d").parameters(bad).function(a -> 1).build(),
                    bad.toString());
            assertTrue(e.getMessage().contains("valid JSON schema"), e.getMessage());
        }
    }

    @Test
    void invocationFailuresNameTheTool() {
        Tool failing = Tool.builder().name("boom").description("d").parameters(Map.of("type", "object"))
                .function(a -> {
                    throw new IllegalStateException("backend down");
                }).build();
        ToolInvocationException e = assertThrows(ToolInvocationException.class, () -> failing.invoke(Map.of()));
        assertEquals("boom", e.toolName());
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertThrows(SerializationException.class, failing::toDict);
    }

    @Test
    void toolsetsRejectDuplicatesAndRoundTrip() {
        Tool a = weather();
        Tool b = a.toBuilder().name("forecast").build();
        Toolset set = Toolset.of(List.of(a, b));
        assertTrue(set.contains("forecast"));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> set.with(a));
        assertTrue(dup.getMessage().contains("weather"));
        ComponentRegistry registry = ComponentRegistry.builder()
                .toolFunction("test_tool.get_weather_report", WEATHER).build();
        DeserializationContext ctx = DeserializationContext.of(registry);
        assertEquals(set, Toolset.fromDict(DictReader.of(set.toDict(), ""), ctx));
        Map<String, Object> holder = new java.util.HashMap<>();
        holder.put("tools", Tools.serialize(List.of(set)));
        assertEquals(List.of(set), Tools.deserialize(DictReader.of(holder, ""), "tools", ctx));
        holder.put("tools", Tools.serialize(List.of(a, Toolset.of(List.of(b)))));
        assertEquals(List.of(a, b), Tools.flatten(Tools.deserialize(DictReader.of(holder, ""), "tools", ctx)));
        assertThrows(IllegalArgumentException.class, () -> Tools.flatten(List.of(a, Toolset.of(List.of(a)))));
    }
}
