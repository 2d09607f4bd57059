package dev.hayloft.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.openai.OpenAIChatGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GenAI client metrics of real runs against the loopback server. */
class GenAiMetricsTest {
    private LoopbackOpenAI server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private OpenAIChatGenerator llm;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAI();
        llm = OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-" + "test")).apiBaseUrl(server.baseUrl())
                .maxRetries(1).listener(GenAiMetrics.create(registry)).build();
    }

    @AfterEach
    void stop() {
        llm.close();
        server.close();
        registry.close();
    }

    private static List<ChatMessage> hi() {
        return List.of(ChatMessage.fromUser("Hi"));
    }

    @Test
    void aSuccessRecordsDurationAndTokenUsageWithTheConventionsTags() {
        llm.run(hi());
        Timer duration = registry.get("gen_ai.client.operation.duration").tag("gen_ai.operation.name", "chat")
                .tag("gen_ai.provider.name", "openai").tag("gen_ai.request.model", "gpt-4o-mini")
                .tag("gen_ai.response.model", "gpt-4o-mini-2024").tag("error.type", "").timer();
        assertEquals(1, duration.count());
        assertTrue(duration.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
        DistributionSummary input = registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
                .summary();
        DistributionSummary output = registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output")
                .summary();
        assertEquals(24.0, input.totalAmount());
        assertEquals(8.0, output.totalAmount());
        assertEquals("gpt-4o-mini", input.getId().getTag("gen_ai.request.model"));
        assertEquals("127.0.0.1", duration.getId().getTag("server.address"));
        assertEquals(String.valueOf(server.port()), duration.getId().getTag("server.port"));
        // not streamed: no time to first chunk; no errors
        assertNull(registry.find("gen_ai.client.operation.time_to_first_chunk").timer());
        assertNull(registry.find("hayloft.gen_ai.client.errors").counter());
    }

    @Test
    void aStreamedRunRecordsTheTimeToFirstChunk() {
        llm.run(hi(), null, null, chunk -> { });
        Timer ttft = registry.get("gen_ai.client.operation.time_to_first_chunk").tag("gen_ai.request.model",
                "gpt-4o-mini").timer();
        assertEquals(1, ttft.count());
        Timer duration = registry.get("gen_ai.client.operation.duration").timer();
        assertTrue(ttft.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)
                <= duration.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    @Test
    void failuresAreCountedByErrorTypeRetriedOrFinal() {
        server.fail(503).fail(503);
        assertThrows(ServerErrorException.class, () -> llm.run(hi()));
        server.fail(503);
        llm.run(hi());
        server.fail(400);
        assertThrows(InvalidRequestException.class, () -> llm.run(hi()));

        String server5xx = ServerErrorException.class.getName();
        Counter retried = registry.get("hayloft.gen_ai.client.errors").tag("error.type", server5xx)
                .tag("hayloft.retried", "true").counter();
        Counter failed = registry.get("hayloft.gen_ai.client.errors").tag("error.type", server5xx)
                .tag("hayloft.retried", "false").counter();
        assertEquals(2.0, retried.count());
        assertEquals(1.0, failed.count());
        assertEquals(1.0, registry.get("hayloft.gen_ai.client.errors").tag("error.type",
                InvalidRequestException.class.getName()).counter().count());
        assertEquals(1, registry.get("gen_ai.client.operation.duration").tag("error.type", server5xx).timer()
                .count());
        assertEquals(1, registry.get("gen_ai.client.operation.duration").tag("error.type", "").timer().count());

        // every meter of a name has the same tag keys (as Prometheus requires)
        for (String name : List.of("gen_ai.client.operation.duration", "hayloft.gen_ai.client.errors")) {
            Set<Set<String>> keys = new HashSet<>();
            for (Meter m : registry.find(name).meters()) {
                Set<String> k = new HashSet<>();
                m.getId().getTags().forEach(t -> k.add(t.getKey()));
                keys.add(k);
            }
            assertEquals(1, keys.size(), name + ": " + keys);
        }
    }
}
