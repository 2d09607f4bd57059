package dev.hayloft.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A WireMock server on loopback playing an Azure OpenAI resource: it answers any path with the
 * scripted replies (in order), so tests assert the exact path, query and headers each request
 * used. Recorded bodies live in {@code src/test/resources/azure} (see the README there).
 */
final class AzureMock implements AutoCloseable {
    private final WireMockServer server;
    private int stubs;

    AzureMock() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
        server.start();
    }

    /** The endpoint, as an Azure resource's {@code https://<resource>.openai.azure.com/}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    void reset() {
        server.resetAll();
        stubs = 0;
    }

    /** Replies with {@code response} once, after the replies enqueued before it. */
    void enqueue(ResponseDefinitionBuilder response) {
        String state = stubs == 0 ? Scenario.STARTED : "step-" + stubs;
        server.stubFor(any(anyUrl()).inScenario("replies").whenScenarioStateIs(state)
                .willSetStateTo("step-" + (stubs + 1)).willReturn(response));
        stubs++;
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("apim-request-id", "4f6c1c52-0d1e-4d5c-9d43-0c1f5a2b7e11")
                .withHeader("x-request-id", "req_azure_ok").withBody(body);
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withHeader("x-request-id", "req_azure_stream").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_azure_" + status).withBody(body);
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

    LoggedRequest last() {
        List<LoggedRequest> r = requests();
        if (r.isEmpty()) {
            throw new AssertionError("the server received no request");
        }
        return r.get(r.size() - 1);
    }

    Map<String, Object> lastBody() {
        return Json.parseObject(last().getBodyAsString());
    }

    static String resource(String name) {
        try (InputStream in = AzureMock.class.getResourceAsStream("/azure/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource azure/" + name);
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
