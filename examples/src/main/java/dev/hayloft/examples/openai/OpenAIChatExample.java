package dev.hayloft.examples.openai;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.openai.OpenAIChatGenerator;
import dev.hayloft.openai.StructuredOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link OpenAIChatGenerator} end to end: a plain question, a streamed answer, a tool call
 * round trip and a structured output parsed into a record. Calls the real API when
 * {@code OPENAI_API_KEY} is set; otherwise prints what it would do and exits normally.
 *
 * <pre>{@code
 * ./mvnw -q -pl generators-openai,examples -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.examples.openai.OpenAIChatExample
 * }</pre>
 */
public final class OpenAIChatExample {
    /** The structured output: one calendar event. */
    public record CalendarEvent(String event_name, String event_date, String event_location) {
    }

    private OpenAIChatExample() {
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
        StructuredOutput<CalendarEvent> eventFormat = StructuredOutput.of(CalendarEvent.class);

        if (System.getenv("OPENAI_API_KEY") == null) {
            System.out.println("OPENAI_API_KEY is not set, so nothing is sent. With a key, this example would:");
            System.out.println(" 1. ask gpt-4o-mini \"What is the capital of France?\" and print the reply and its usage;");
            System.out.println(" 2. stream a short poem to the console chunk by chunk;");
            System.out.println(" 3. offer the tool '" + weather.name() + "' (strict schema), run the call the model "
                    + "asks for, and send the result back for a final answer;");
            System.out.println(" 4. extract a CalendarEvent with response_format " + eventFormat.responseFormat());
            return;
        }

        try (OpenAIChatGenerator llm = OpenAIChatGenerator.builder()
                .model("gpt-4o-mini")
                .generationKwargs(Map.of("temperature", 0.2))
                .build()) {
            // 1. a plain question
            ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("What is the capital of France?")))
                    .replies().get(0);
            System.out.println(reply.text() + "\n  usage: " + reply.meta().get("usage"));

            // 2. streaming: the run-time callback prints chunks as they arrive
            llm.run(List.of(ChatMessage.fromUser("Write a two-line poem about hay.")), null, null,
                    StreamingCallback.printStreamingChunk());

            // 3. tools: the model asks for a call, we run it and send the result back
            List<ChatMessage> conversation = new ArrayList<>(List.of(
                    ChatMessage.fromUser("What's the weather in Paris?")));
            ChatMessage withCall = llm.run(conversation, null, List.of(weather), true, null).replies().get(0);
            conversation.add(withCall);
            for (ToolCall call : withCall.toolCalls()) {
                conversation.add(ChatMessage.fromTool(String.valueOf(weather.invoke(call.arguments())), call));
            }
            System.out.println(llm.run(conversation, null, List.of(weather), null).text());

            // 4. structured output into a record
            ChatMessage event = llm.run(List.of(ChatMessage.fromUser(
                    "The marketing summit takes place on October 12th at the Hilton Hotel downtown.")),
                    eventFormat.generationKwargs(), null, null).replies().get(0);
            System.out.println(eventFormat.parse(event));
        } catch (GenerationException e) {
            System.err.println("OpenAI failed (retryable=" + e.isRetryable() + ", status=" + e.statusCode()
                    + ", request id=" + e.requestId().orElse("-") + "): " + e.getMessage());
        }
    }
}
