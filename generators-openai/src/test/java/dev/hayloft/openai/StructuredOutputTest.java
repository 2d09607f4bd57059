package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.serde.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Record → strict JSON schema (Pydantic-compatible) and reply → record. */
class StructuredOutputTest {
    enum Unit { CELSIUS, FAHRENHEIT }

    record Reading(double value, Unit unit) {
    }

    record Forecast(String city, @JsonPropertyDescription("ISO date") String date, List<Reading> readings,
            Optional<String> note, @JsonProperty("is_final") boolean finalForecast, int[] hours) {
    }

    record CalendarEvent(String event_name, String event_date, String event_location) {
    }

    record Bad(Map<String, String> anything) {
    }

    @Test
    void schemaLooksLikePydanticsStrictSchema() {
        // what Haystack sends for `class CalendarEvent(BaseModel): event_name: str; ...`
        Map<String, Object> pydantic = Json.parseObject("{\"properties\": {\"event_name\": {\"title\": \"Event Name\", "
                + "\"type\": \"string\"}, \"event_date\": {\"title\": \"Event Date\", \"type\": \"string\"}, "
                + "\"event_location\": {\"title\": \"Event Location\", \"type\": \"string\"}}, \"required\": "
                + "[\"event_name\", \"event_date\", \"event_location\"], \"title\": \"CalendarEvent\", \"type\": "
                + "\"object\", \"additionalProperties\": false}");
        assertEquals(pydantic, StructuredOutput.of(CalendarEvent.class).schema());
        assertEquals(Map.of("type", "json_schema", "json_schema", Map.of("name", "CalendarEvent", "strict", true,
                "schema", pydantic)), StructuredOutput.of(CalendarEvent.class).responseFormat());
    }

    @Test
    void nestedRecordsEnumsListsAndOptionals() {
        Map<String, Object> schema = StructuredOutput.of(Forecast.class).schema();
        Map<String, Object> expected = Json.parseObject("{"
                + "\"$defs\": {"
                + "  \"Reading\": {\"properties\": {\"value\": {\"title\": \"Value\", \"type\": \"number\"},"
                + "     \"unit\": {\"$ref\": \"#/$defs/Unit\"}}, \"required\": [\"value\", \"unit\"],"
                + "     \"title\": \"Reading\", \"type\": \"object\", \"additionalProperties\": false},"
                + "  \"Unit\": {\"enum\": [\"CELSIUS\", \"FAHRENHEIT\"], \"title\": \"Unit\", \"type\": \"string\"}},"
                + "\"properties\": {"
                + "  \"city\": {\"title\": \"City\", \"type\": \"string\"},"
                + "  \"date\": {\"description\": \"ISO date\", \"title\": \"Date\", \"type\": \"string\"},"
                + "  \"readings\": {\"title\": \"Readings\", \"items\": {\"$ref\": \"#/$defs/Reading\"}, \"type\": \"array\"},"
                + "  \"note\": {\"title\": \"Note\", \"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}]},"
                + "  \"is_final\": {\"title\": \"Is Final\", \"type\": \"boolean\"},"
                + "  \"hours\": {\"title\": \"Hours\", \"items\": {\"type\": \"integer\"}, \"type\": \"array\"}},"
                + "\"required\": [\"city\", \"date\", \"readings\", \"note\", \"is_final\", \"hours\"],"
                + "\"title\": \"Forecast\", \"type\": \"object\", \"additionalProperties\": false}");
        assertEquals(expected, schema);
    }

    @Test
    void parsesTheReply() {
        StructuredOutput<Forecast> f = StructuredOutput.of(Forecast.class);
        Forecast parsed = f.parse(ChatMessage.fromAssistant("{\"city\":\"Oslo\",\"date\":\"2025-01-02\",\"readings\":"
                + "[{\"value\":-3.5,\"unit\":\"CELSIUS\"}],\"note\":null,\"is_final\":true,\"hours\":[6,12]}"));
        assertEquals("Oslo", parsed.city());
        assertEquals(new Reading(-3.5, Unit.CELSIUS), parsed.readings().get(0));
        assertEquals(Optional.empty(), parsed.note());
        assertTrue(parsed.finalForecast());
    }

    @Test
    void refusalsAndBadJsonAreReported() {
        StructuredOutput<CalendarEvent> f = StructuredOutput.of(CalendarEvent.class);
        ChatMessage refusal = ChatMessage.assistant().meta(Map.of("refusal", "I can't help with that.")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.parse(refusal));
        assertTrue(e.getMessage().contains("I can't help with that."), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.parse("{\"event_name\": 3"));
    }

    @Test
    void typesOutsideStrictSchemasAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructuredOutput.of(Bad.class));
        assertTrue(e.getMessage().contains("Bad.anything"), e.getMessage());
    }
}
