package dev.hayloft.examples.core;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.Json;
import dev.hayloft.core.tools.Tool;
import java.util.List;
import java.util.Map;

/**
 * Chat messages, secrets and tools, and their Haystack-compatible dict forms.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.examples.core.DataclassesExample
 * </pre>
 */
public final class DataclassesExample {
    private DataclassesExample() {
    }

    public static void main(String[] args) {
        ToolCall call = new ToolCall("get_weather", Map.of("city", "Paris"), "call_1");
        List<ChatMessage> conversation = List.of(
                ChatMessage.fromSystem("You are a weather bot."),
                ChatMessage.fromUser("Weather in Paris?"),
                ChatMessage.fromAssistant(null, List.of(call)),
                ChatMessage.fromTool("22°C, sunny", call));
        for (ChatMessage m : conversation) {
            System.out.println(Json.write(m.toDict()));
        }

        Secret key = Secret.fromEnvVar("OPENAI_API_KEY");
        System.out.println("Secret serialises as " + Json.write(key.toDict()));
        System.out.println("A token secret prints as " + Secret.fromToken("sk-" + "not-a-real-key"));

        Tool weather = Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .parameters(Map.of("type", "object",
                        "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city")))
                .function("examples.weather", arguments -> "22°C in " + arguments.get("city"))
                .build();
        System.out.println("Tool says: " + weather.invoke(call.arguments()));

        ComponentRegistry registry = ComponentRegistry.builder().toolFunction("examples.weather",
                weather.function()).build();
        Tool back = Tool.fromDict(DictReader.of(weather.toDict(), "tool"), DeserializationContext.of(registry));
        System.out.println("Tool round trip equal: " + back.equals(weather));
    }
}
