package dev.hayloft.openai;

import dev.hayloft.core.tools.Tool;
import java.util.List;
import java.util.Map;

/** Tools used across the tests. */
final class TestTools {
    private TestTools() {
    }

    static Tool weather() {
        return Tool.builder().name("weather").description("useful to determine the weather in a given location")
                .parameters(Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city")))
                .function("test.weather", args -> "sunny in " + args.get("city")).build();
    }

    static Tool search() {
        return Tool.builder().name("search").description("web search")
                .parameters(Map.of("type", "object", "properties", Map.of(
                        "query", Map.of("type", "string"),
                        "filters", Map.of("type", "object", "properties", Map.of(
                                "site", Map.of("type", "string"),
                                "tags", Map.of("type", "array", "items", Map.of("type", "object",
                                        "properties", Map.of("name", Map.of("type", "string")))))))))
                .function("test.search", args -> "results").build();
    }
}
