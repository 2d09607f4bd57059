package dev.hayloft.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WireMock server on loopback playing OpenAI's {@code /v1/chat/completions}, with helpers
 * to script replies (in order) and to read back the raw request bodies it received.
 */
final class OpenAIMock implements AutoCloseable {
    static final String PATH = "/v1/chat/completions";
    /** Parses JSON refusing duplicate keys, so "each key exactly once" is checked. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final WireMockServer server;
    private int stubs;
    private final Map<String, Integer> perPath = new HashMap<>();

    OpenAIMock() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .gzipDisabled(true));
        server.start();
        server.resetAll();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    void reset() {
        server.resetAll();
        stubs = 0;
        perPath.clear();
    }

    /** Replies with {@code response} once, after the replies enqueued before it. */
    void enqueue(ResponseDefinitionBuilder response) {
        String state = stubs == 0 ? Scenario.STARTED : "step-" + stubs;
        server.stubFor(post(urlEqualTo(PATH)).inScenario("replies").whenScenarioStateIs(state)
                .willSetStateTo("step-" + (stubs + 1)).willReturn(response));
        stubs++;
    }

    /** Replies with {@code response} once at {@code path} (e.g. {@code /v1/moderations}), after earlier ones there. */
    void enqueue(String path, ResponseDefinitionBuilder response) {
        int n = perPath.merge(path, 1, Integer::sum) - 1;
        String state = n == 0 ? Scenario.STARTED : "step-" + n;
        server.stubFor(post(urlEqualTo(path)).inScenario("replies " + path).whenScenarioStateIs(state)
                .willSetStateTo("step-" + (n + 1)).willReturn(response));
    }

    /** The JSON bodies received at {@code path}, oldest first. */
    List<Map<String, Object>> bodies(String path) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            if (r.getUrl().equals(path)) {
                out.add(strict(r.getBodyAsString()));
            }
        }
        return out;
    }

    /** Replies with {@code response} to every request. */
    void always(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_ok").withBody(body);
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withHeader("x-request-id", "req_stream").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_" + status).withBody(body);
    }

    /** The requests received, oldest first. */
    List<LoggedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<LoggedRequest> out = new ArrayList<>();
        for (ServeEvent e : events) {
            out.add(e.getRequest());
        }
        return out;
    }

    /** The last request's JSON body, parsed strictly (duplicate keys fail). */
    Map<String, Object> lastBody() {
        List<LoggedRequest> r = requests();
        if (r.isEmpty()) {
            throw new AssertionError("the server received no request");
        }
        return strict(r.get(r.size() - 1).getBodyAsString());
    }

    static Map<String, Object> strict(String json) {
        try {
            return STRICT.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new AssertionError("request body is not valid JSON with unique keys: " + e.getMessage() + "\n" + json,
                    e);
        }
    }

    static String resource(String name) {
        try (InputStream in = OpenAIMock.class.getResourceAsStream("/openai/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource openai/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
