package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.testing.RecordingListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proxies and gateways in front of TGI or vLLM echo the {@code Authorization} header back; the
 * token must not reach any message, cause or stack trace we produce, nor the listeners' events,
 * nor the generator's {@code toString}. The 401 body shape is the router's
 * ({@code hub/chat_unauthorized_401.json}), here with the token echoed.
 */
class SecretsWireTest {
    private static final String RANDOM_PART = Generators.TOKEN.substring(3);
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

    private static String everything(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        StringBuilder sb = new StringBuilder(w.toString());
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append(t.getMessage());
        }
        return sb.toString();
    }

    @Test
    void anEchoedTokenIsMaskedEverywhere() {
        server.enqueue(HfMock.CHAT, HfMock.json(401, "{\"error\":\"Invalid credentials in Authorization header: Bearer "
                + Generators.TOKEN + "\"}"));
        server.enqueue(HfMock.CHAT, HfMock.sse("data: {\"error\":\"upstream refused token " + Generators.TOKEN
                + "\",\"error_type\":\"validation\"}\n\n"));
        server.enqueue(HfMock.CHAT, HfMock.json(502, "<html>bad gateway for " + Generators.TOKEN + "</html>"));
        RecordingListener events = new RecordingListener();
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).maxRetries(0).listener(events).build()) {
            assertFalse(llm.toString().contains(RANDOM_PART));
            List<ChatMessage> hi = List.of(ChatMessage.fromUser("hi"));
            String[] outputs = {
                everything(assertThrows(AuthenticationException.class, () -> llm.run(hi))),
                everything(assertThrows(GenerationException.class, () -> llm.run(hi, null, null, c -> { }))),
                everything(assertThrows(GenerationException.class, () -> llm.run(hi)))};
            for (String out : outputs) {
                assertFalse(out.contains(RANDOM_PART), out);
            }
            for (ErrorEvent e : events.of(ErrorEvent.class)) {
                assertFalse(everything(e.error()).contains(RANDOM_PART));
            }
        }
    }
}
