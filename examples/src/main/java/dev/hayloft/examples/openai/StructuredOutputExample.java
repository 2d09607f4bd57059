package dev.hayloft.examples.openai;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.examples.support.Backend;
import dev.hayloft.openai.OpenAIChatGenerator;
import dev.hayloft.openai.StructuredOutput;
import java.util.List;

/**
 * Structured output into a Java record: the record's JSON schema is sent as
 * {@code response_format} (the schema Haystack derives from the equivalent Pydantic model)
 * and the reply is parsed back into the record. Calls OpenAI when {@code OPENAI_API_KEY} is
 * set, else a scripted stand-in on loopback.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.openai.StructuredOutputExample
 * }</pre>
 */
public final class StructuredOutputExample {
    /** One calendar event. */
    public record CalendarEvent(String event_name, String event_date, String event_location) {
    }

    private StructuredOutputExample() {
    }

    public static void main(String[] args) {
        StructuredOutput<CalendarEvent> format = StructuredOutput.of(CalendarEvent.class);
        try (Backend openai = Backend.openAI();
             OpenAIChatGenerator llm = OpenAIChatGenerator.builder()
                     .apiBaseUrl(openai.baseUrl()).apiKey(openai.apiKey()).build()) {
            ChatMessage reply = llm.run(List.of(ChatMessage.fromUser(
                    "The marketing summit takes place on October 12th at the Hilton Hotel downtown.")),
                    format.generationKwargs(), null, null).replies().get(0);
            CalendarEvent event = format.parse(reply);
            System.out.println(event);
        }
    }
}
