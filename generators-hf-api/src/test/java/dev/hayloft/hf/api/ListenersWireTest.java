package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.TokenUsage;
import dev.hayloft.core.testing.RecordingListener;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What both generators report to the listener SPI: request, first token, chunks, response with usage. */
class ListenersWireTest {
    private static HfMock server;
    private final Generators generators = new Generators();

    @BeforeAll
    static void start() {
        server = new HfMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void aStreamedChatOnTheCallersExecutor() throws Exception {
        server.enqueue(HfMock.CHAT, HfMock.sse(HfMock.resource("tgi/chat_stream_usage_3.1.2.sse")));
        RecordingListener events = new RecordingListener();
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "callers-thread"));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).listener(events).executor(mine).build()) {
            llm.runAsync(List.of(ChatMessage.fromUser("Say 'OK!'")), null, null, c -> { }).get(30, TimeUnit.SECONDS);
        } finally {
            mine.shutdown();
        }
        assertEquals(List.of("request", "first_token", "chunks", "response"),
                events.kinds());
        RequestEvent request = events.one(RequestEvent.class);
        assertEquals("huggingface", request.context().provider());
        assertEquals(server.url(), request.context().model());
        ResponseEvent response = events.one(ResponseEvent.class);
        assertEquals(new TokenUsage(39, 3), response.usage());
        assertEquals(List.of("stop"), response.finishReasons());
        assertTrue(events.threads().contains("callers-thread"), events.threads().toString());
    }

    @Test
    void aTextGeneration() {
        server.enqueue("/generate", HfMock.json(HfMock.resource("tgi/generate_regex_grammar.json")));
        RecordingListener events = new RecordingListener();
        try (HuggingFaceAPIGenerator llm = generators.text(server).listener(events).build()) {
            llm.run("Whats Googles DNS");
        }
        assertEquals(List.of("request", "response"), events.kinds());
        ResponseEvent response = events.one(ResponseEvent.class);
        assertEquals(List.of("length"), response.finishReasons());
        assertEquals(10, response.usage().outputTokens());
        assertEquals("42.1.1.101", response.replies().get(0).text());
    }
}
