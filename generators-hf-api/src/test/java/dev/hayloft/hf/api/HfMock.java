package dev.hayloft.hf.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
 * A WireMock server on loopback standing in for TGI, an Inference Endpoint, the router, vLLM
 * or SGLang: replies are scripted per path, in order, and the raw requests can be read back.
 * Recordings live under {@code src/test/resources} (see the README there for their origin).
 */
final class HfMock implements AutoCloseable {
    static final String CHAT = "/v1/chat/completions";
    /** Parses JSON refusing duplicate keys, so "each key exactly once" is checked. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final WireMockServer server;
    private final Map<String, Integer> stubs = new HashMap<>();

    HfMock() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    void reset() {
        server.resetAll();
        stubs.clear();
    }

    /** Replies to {@code path} with {@code response} once, after the replies enqueued for it before. */
    void enqueue(String path, ResponseDefinitionBuilder response) {
        int n = stubs.merge(path, 1, Integer::sum) - 1;
        String state = n == 0 ? Scenario.STARTED : "step-" + n;
        server.stubFor(any(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(state)
                .willSetStateTo("step-" + (n + 1)).willReturn(response));
    }

    static ResponseDefinitionBuilder json(String body) {
        return json(200, body);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req-" + status).withBody(body);
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withHeader("x-request-id", "req-stream").withBody(body);
    }

    /** The requests received, oldest first. */
    List<LoggedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<LoggedRequest> out = new ArrayList<>();
        events.forEach(e -> out.add(e.getRequest()));
        return out;
    }

    /** The requests received on {@code path}, oldest first. */
    List<LoggedRequest> requests(String path) {
        return requests().stream().filter(r -> r.getUrl().equals(path) || r.getUrl().startsWith(path + "?")).toList();
    }

    /** The last request's JSON body, parsed strictly. */
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

    /** A recording under {@code src/test/resources}. */
    static String resource(String name) {
        try (InputStream in = HfMock.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
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
