package dev.hayloft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.serde.Json;
import dev.hayloft.examples.support.LoopbackServer;
import dev.hayloft.examples.support.ScriptedOpenAIServer;
import dev.hayloft.examples.support.ScriptedTgiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The examples' stand-ins answer with the field names of the real servers: each scripted
 * response is compared, key by key, with a recording the provider modules' wire tests use
 * (generators-hf-api's {@code src/test/resources}). Values are scripted; names and nesting are not.
 */
class StandInShapesTest {
    private static final Path HF_API = Path.of("..", "generators-hf-api", "src", "test", "resources");
    private final HttpClient http = HttpClient.newHttpClient();

    private Map<String, Object> call(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.parseObject(r.body());
    }

    private static Map<String, Object> recorded(String name) throws IOException {
        return Json.parseObject(Files.readString(HF_API.resolve(name)));
    }

    private static TreeSet<String> keys(Object map) {
        return new TreeSet<>(((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList());
    }

    @Test
    void tgiInfoHasTheRecordedFields() throws Exception {
        try (ScriptedTgiServer tgi = ScriptedTgiServer.start()) {
            assertEquals(keys(recorded("servers/tgi_info.json")), keys(call("GET", tgi.root() + "/info", null)));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tgiChatCompletionHasTheRecordedFields() throws Exception {
        Map<String, Object> want = recorded("hub/chat_completion_zephyr.json");
        try (ScriptedTgiServer tgi = ScriptedTgiServer.start()) {
            Map<String, Object> got = call("POST", tgi.root() + "/v1/chat/completions",
                    "{\"model\":\"tgi\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertEquals(keys(want), keys(got));
            Map<String, Object> wantChoice = ((List<Map<String, Object>>) want.get("choices")).get(0);
            Map<String, Object> gotChoice = ((List<Map<String, Object>>) got.get("choices")).get(0);
            assertEquals(keys(wantChoice), keys(gotChoice));
            assertEquals(keys(wantChoice.get("message")), keys(gotChoice.get("message")));
            assertEquals(keys(want.get("usage")), keys(got.get("usage")));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tgiGenerateHasTheRecordedFields() throws Exception {
        Map<String, Object> want = recorded("tgi/generate_regex_grammar.json");
        try (ScriptedTgiServer tgi = ScriptedTgiServer.start()) {
            Map<String, Object> got = call("POST", tgi.root() + "/generate", "{\"inputs\":\"Hi\",\"parameters\":"
                    + "{\"details\":true,\"grammar\":{\"type\":\"json\",\"value\":{\"type\":\"object\",\"properties\":"
                    + "{\"city\":{\"type\":\"string\"}}}}}}");
            assertEquals(keys(want), keys(got));
            assertEquals(keys(want.get("details")), keys(got.get("details")));
            Object token = ((List<Object>) ((Map<String, Object>) want.get("details")).get("tokens")).get(0);
            Object gotToken = ((List<Object>) ((Map<String, Object>) got.get("details")).get("tokens")).get(0);
            assertEquals(keys(token), keys(gotToken));
            assertEquals("{\"city\":\"Paris\"}", got.get("generated_text"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void openAIErrorsHaveOpenAIsErrorObject() throws Exception {
        try (ScriptedOpenAIServer openai = ScriptedOpenAIServer.failing(429, 503)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(openai.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(429, first.statusCode());
            assertEquals("20", first.headers().firstValue("retry-after").orElseThrow());
            assertEquals(503, second.statusCode());
            for (HttpResponse<String> r : List.of(first, second)) {
                Map<String, Object> error = (Map<String, Object>) Json.parseObject(r.body()).get("error");
                assertEquals(new TreeSet<>(List.of("message", "type", "param", "code")), keys(error));
            }
        }
    }

    @Test
    void loopbackServerRecordsRequestsAndTurnsHandlerFailuresInto500() throws Exception {
        try (LoopbackServer server = LoopbackServer.start("test", req -> {
            throw new IllegalStateException("boom");
        })) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.root() + "/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(500, r.statusCode());
            assertTrue(r.body().contains("boom"), r.body());
            assertEquals(1, server.requests().size());
            assertEquals("/x", server.requests().get(0).path());
            assertEquals(Map.of("a", 1), server.requests().get(0).json());
        }
    }
}
