package dev.hayloft.examples.openai;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.examples.support.Backend;
import dev.hayloft.openai.OpenAIChatGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool-calling round trip: the model is offered a tool, asks for a call, the call runs here,
 * its result goes back as a tool message, and the model answers with it. Calls OpenAI when
 * {@code OPENAI_API_KEY} is set, else a scripted stand-in on loopback.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.openai.ToolCallingExample
 * }</pre>
 */
public final class ToolCallingExample {
    private ToolCallingExample() {
    }

    public static void main(String[] args) {
        Tool weather = Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .parameters(Map.of("type", "object",
                        "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city")))
                .function("examples.weather", a -> "sunny, 22°C in " + a.get("city"))
                .build();
        try (Backend openai = Backend.openAI();
             OpenAIChatGenerator llm = OpenAIChatGenerator.builder()
                     .apiBaseUrl(openai.baseUrl()).apiKey(openai.apiKey())
                     .tools(List.of(weather)).toolsStrict(true).build()) {
            List<ChatMessage> conversation = new ArrayList<>(List.of(ChatMessage.fromUser("What's the weather in Paris?")));
            ChatMessage withCalls = llm.run(conversation).replies().get(0);
            conversation.add(withCalls);
            for (ToolCall call : withCalls.toolCalls()) {
                System.out.println("the model calls " + call.toolName() + call.arguments());
                conversation.add(ChatMessage.fromTool(String.valueOf(weather.invoke(call.arguments())), call));
            }
            System.out.println(llm.run(conversation).replies().get(0).text());
        }
    }
}
