package dev.hayloft.dalle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.AuthenticationException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code runAsync} reports every failure through its future, cancelling it aborts the HTTP
 * request, and no failure shows the API key even when the server echoes it (the 401 body has
 * OpenAI's error shape, as in the OpenAI API reference, with the whole key echoed).
 */
class DALLEAsyncTest {
    private static final String KEY = "sk-test-Vb7Qw2Er9Ty4Ui1Op6As3Df8";
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private DALLEImageGenerator.Builder generator(String baseUrl) {
        return DALLEImageGenerator.builder().apiKey(Secret.fromToken(KEY)).apiBaseUrl(baseUrl).maxRetries(0)
                .timeout(Duration.ofSeconds(20));
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    private static Throwable failure(CompletableFuture<?> f) {
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return e.getCause();
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w, true));
        return w.toString();
    }

    @Test
    void invalidArgumentsFailTheFutureNamingTheField() {
        try (DALLEImageGenerator dalle = generator(baseUrl()).build()) {
            CompletableFuture<DALLEImageGenerator.Result> blank = dalle.runAsync(" ");
            assertTrue(assertInstanceOf(IllegalArgumentException.class, failure(blank)).getMessage()
                    .contains("prompt"));
            CompletableFuture<DALLEImageGenerator.Result> size = dalle.runAsync("a cat", "9x9", null, null);
            assertTrue(assertInstanceOf(IllegalArgumentException.class, failure(size)).getMessage().contains("size"));
            CompletableFuture<DALLEImageGenerator.Result> format = dalle.runAsync("a cat", null, null, "gif");
            assertTrue(assertInstanceOf(IllegalArgumentException.class, failure(format)).getMessage()
                    .contains("response_format"));
        }
        assertEquals(0, server.getAllServeEvents().size(), "nothing was sent");
    }

    @Test
    void aKeyThatCannotBeResolvedFailsTheFuture() {
        try (DALLEImageGenerator dalle = DALLEImageGenerator.builder().apiBaseUrl(baseUrl()).environment(n -> null)
                .build()) {
            AuthenticationException e = assertInstanceOf(AuthenticationException.class,
                    failure(dalle.runAsync("a cat")));
            assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
        }
    }

    @Test
    void anEchoedKeyIsInNoStackTraceSyncOrAsync() {
        server.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withHeader("x-request-id", "req_img_401")
                .withBody("{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + ". You can find your "
                        + "API key at https://platform.openai.com/account/api-keys.\", \"type\": "
                        + "\"invalid_request_error\", \"param\": null, \"code\": \"invalid_api_key\"}}")));
        try (DALLEImageGenerator dalle = generator(baseUrl()).build()) {
            AuthenticationException sync = assertThrows(AuthenticationException.class, () -> dalle.run("a cat"));
            Throwable async = failure(dalle.runAsync("a cat"));
            assertInstanceOf(AuthenticationException.class, async);
            for (Throwable t : List.of(sync, async)) {
                String printed = "WARN image failed: " + t.getMessage() + "\n" + stackTrace(t);
                String secretPart = KEY.substring("sk-test-".length());
                for (int i = 0; i + 6 <= secretPart.length(); i++) {
                    assertFalse(printed.contains(secretPart.substring(i, i + 6)), printed);
                }
                assertTrue(printed.contains("401") && printed.contains("openai")
                        && printed.contains("invalid_api_key") && printed.contains("req_img_401"), printed);
            }
        }
    }

    @Test
    void cancellingRunAsyncAbortsTheRequest() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread serverThread = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(15_000);
                    InputStream in = s.getInputStream();
                    received.countDown();   // headers and body are read below, an answer never comes
                    while (in.read() != -1) {
                        // drain the request
                    }
                    aborted.countDown();    // end of stream: the client closed the connection
                } catch (SocketTimeoutException e) {
                    // the client kept the connection open: aborted stays up
                } catch (Exception e) {
                    aborted.countDown();    // reset by the client
                }
            }, "dalle-test-server");
            serverThread.setDaemon(true);
            serverThread.start();
            try (DALLEImageGenerator dalle = generator("http://127.0.0.1:" + listener.getLocalPort() + "/v1").build()) {
                CompletableFuture<DALLEImageGenerator.Result> f = dalle.runAsync("a slow cat");
                assertTrue(received.await(10, TimeUnit.SECONDS), "the request never arrived");
                assertTrue(f.cancel(true));
                assertTrue(aborted.await(10, TimeUnit.SECONDS), "the server never saw the request aborted");
                assertThrows(CancellationException.class, f::join);
            }
            serverThread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
