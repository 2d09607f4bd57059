package dev.hayloft.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.openai.OpenAIChatGenerator;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The clients compared by {@link OpenAIOverheadBenchmark}, all with 30 s timeouts and (where
 * the client retries) 5 retries, all building their request from scratch on every call:
 * <ul>
 *   <li>{@code bytes} — the bound: OkHttp sends a prebuilt request body and reads the response
 *       bytes without parsing them;</li>
 *   <li>{@code okhttp+jackson} — what a hand-written client does: OkHttp plus a Jackson tree
 *       per response (or per event), text read from {@code choices[0]};</li>
 *   <li>{@code openai-java} — the official SDK's typed call / stream;</li>
 *   <li>{@code langchain4j} — {@code OpenAiChatModel} / {@code OpenAiStreamingChatModel};</li>
 *   <li>{@code hayloft} — {@link OpenAIChatGenerator#run}, returning Haystack's
 *       {@code ChatMessage} (streaming through a {@code StreamingCallback}).</li>
 * </ul>
 *
 * <pre>{@code
 * try (Contender c = Contenders.create("langchain4j", "http://127.0.0.1:8080/v1")) {
 *     c.plain();
 * }
 * }</pre>
 */
final class Contenders {
    static final List<String> NAMES = List.of("bytes", "okhttp+jackson", "openai-java", "langchain4j", "hayloft");
    static final String PROMPT = "What's the capital of France?";
    static final String MODEL = "gpt-4o-mini";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final MediaType JSON = MediaType.get("application/json");

    private Contenders() {
    }

    static Contender create(String name, String baseUrl) {
        switch (name) {
            case "bytes":
                return new Bytes(baseUrl);
            case "okhttp+jackson":
                return new OkHttpJackson(baseUrl);
            case "openai-java":
                return new OpenAIJava(baseUrl);
            case "langchain4j":
                return new LangChain4j(baseUrl);
            case "hayloft":
                return new Hayloft(baseUrl);
            default:
                throw new IllegalArgumentException("unknown contender '" + name + "', expected one of " + NAMES);
        }
    }

    private static OkHttpClient okhttp() {
        return new OkHttpClient.Builder().connectTimeout(TIMEOUT).readTimeout(TIMEOUT).writeTimeout(TIMEOUT).build();
    }

    private static void shutdown(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** The physical bound: bytes in, bytes out, nothing parsed. */
    private static final class Bytes implements Contender {
        private final OkHttpClient client = okhttp();
        private final String url;
        private final byte[] plainBody;
        private final byte[] streamBody;

        Bytes(String baseUrl) {
            this.url = baseUrl + "/chat/completions";
            String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]";
            this.plainBody = ("{" + messages + ",\"model\":\"" + MODEL + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            this.streamBody = ("{" + messages + ",\"model\":\"" + MODEL + "\",\"stream\":true}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String name() {
            return "bytes (bound)";
        }

        @Override
        public long plain() {
            return call(plainBody, null);
        }

        @Override
        public long stream(long[] firstChunkAt) {
            return call(streamBody, firstChunkAt);
        }

        private long call(byte[] body, long[] firstChunkAt) {
            Request request = new Request.Builder().url(url).header("Authorization", "Bearer sk-bench")
                    .post(RequestBody.create(body, JSON)).build();
            try (Response response = client.newCall(request).execute()) {
                BufferedSource source = response.body().source();
                long n = 0;
                byte[] buf = new byte[8192];
                int r;
                while ((r = source.read(buf)) != -1) {
                    if (n == 0 && firstChunkAt != null) {
                        firstChunkAt[0] = System.nanoTime();
                    }
                    n += r;
                }
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            shutdown(client);
        }
    }

    /** OkHttp plus Jackson trees: the usual hand-written client. */
    private static final class OkHttpJackson implements Contender {
        private final OkHttpClient client = okhttp();
        private final ObjectMapper mapper = new ObjectMapper();
        private final String url;

        OkHttpJackson(String baseUrl) {
            this.url = baseUrl + "/chat/completions";
        }

        @Override
        public String name() {
            return "okhttp+jackson";
        }

        private Request request(boolean stream) throws IOException {
            var root = mapper.createObjectNode();
            var message = root.putArray("messages").addObject();
            message.put("role", "user");
            message.put("content", PROMPT);
            root.put("model", MODEL);
            if (stream) {
                root.put("stream", true);
                root.putObject("stream_options").put("include_usage", true);
            }
            return new Request.Builder().url(url).header("Authorization", "Bearer sk-bench")
                    .post(RequestBody.create(mapper.writeValueAsBytes(root), JSON)).build();
        }

        @Override
        public long plain() {
            try (Response response = client.newCall(request(false)).execute()) {
                JsonNode body = mapper.readTree(response.body().byteStream());
                return body.path("choices").path(0).path("message").path("content").asText().length();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long stream(long[] firstChunkAt) {
            StringBuilder text = new StringBuilder();
            try (Response response = client.newCall(request(true)).execute()) {
                BufferedSource source = response.body().source();
                String line;
                while ((line = source.readUtf8Line()) != null) {
                    if (!line.startsWith("data: ")) {
                        continue;
                    }
                    String data = line.substring(6);
                    if (data.equals("[DONE]")) {
                        break;
                    }
                    JsonNode choices = mapper.readTree(data).path("choices");
                    if (choices.size() > 0) {
                        JsonNode content = choices.get(0).path("delta").path("content");
                        if (content.isTextual() && !content.asText().isEmpty()) {
                            if (text.length() == 0) {
                                firstChunkAt[0] = System.nanoTime();
                            }
                            text.append(content.asText());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text.length();
        }

        @Override
        public void close() {
            shutdown(client);
        }
    }

    /** The official SDK, typed. */
    private static final class OpenAIJava implements Contender {
        private final OpenAIClient client;

        OpenAIJava(String baseUrl) {
            this.client = OpenAIOkHttpClient.builder().apiKey("sk-bench").baseUrl(baseUrl)
                    .timeout(Timeout.builder().connect(TIMEOUT).read(TIMEOUT).write(TIMEOUT).request(Duration.ZERO)
                            .build())
                    .maxRetries(5).build();
        }

        @Override
        public String name() {
            return "openai-java";
        }

        @Override
        public long plain() {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(MODEL).addUserMessage(PROMPT)
                    .build();
            ChatCompletion completion = client.chat().completions().create(params);
            return completion.choices().get(0).message().content().orElse("").length();
        }

        @Override
        public long stream(long[] firstChunkAt) {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(MODEL).addUserMessage(PROMPT)
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
            StringBuilder text = new StringBuilder();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                Iterator<ChatCompletionChunk> it = stream.stream().iterator();
                while (it.hasNext()) {
                    ChatCompletionChunk chunk = it.next();
                    if (!chunk.choices().isEmpty()) {
                        String s = chunk.choices().get(0).delta().content().orElse("");
                        if (!s.isEmpty() && text.length() == 0) {
                            firstChunkAt[0] = System.nanoTime();
                        }
                        text.append(s);
                    }
                }
            }
            return text.length();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** LangChain4j's OpenAI models (their default JDK HTTP client). */
    private static final class LangChain4j implements Contender {
        private final OpenAiChatModel model;
        private final OpenAiStreamingChatModel streaming;

        LangChain4j(String baseUrl) {
            this.model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("sk-bench").modelName(MODEL)
                    .timeout(TIMEOUT).maxRetries(5).build();
            this.streaming = OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey("sk-bench").modelName(MODEL)
                    .timeout(TIMEOUT).build();
        }

        @Override
        public String name() {
            return "langchain4j";
        }

        @Override
        public long plain() {
            return model.chat(PROMPT).length();
        }

        @Override
        public long stream(long[] firstChunkAt) {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            long[] first = {0};
            streaming.chat(PROMPT, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    if (first[0] == 0) {
                        first[0] = System.nanoTime();
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            try {
                ChatResponse response = done.get(60, TimeUnit.SECONDS);
                firstChunkAt[0] = first[0];
                return response.aiMessage().text().length();
            } catch (Exception e) {
                throw new IllegalStateException("langchain4j stream failed", e);
            }
        }

        @Override
        public void close() {
        }
    }

    /** Hayloft's OpenAIChatGenerator. */
    private static final class Hayloft implements Contender {
        private final OpenAIChatGenerator generator;
        private final List<ChatMessage> messages = List.of(ChatMessage.fromUser(PROMPT));

        Hayloft(String baseUrl) {
            this.generator = OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-bench")).apiBaseUrl(baseUrl)
                    .model(MODEL).timeout(TIMEOUT).maxRetries(5).build();
        }

        @Override
        public String name() {
            return "hayloft";
        }

        @Override
        public long plain() {
            return generator.run(messages).text().length();
        }

        @Override
        public long stream(long[] firstChunkAt) {
            long[] first = {0};
            String text = generator.run(messages, null, null, chunk -> {
                if (first[0] == 0 && !chunk.content().isEmpty()) {
                    first[0] = System.nanoTime();
                }
            }).text();
            firstChunkAt[0] = first[0];
            return text.length();
        }

        @Override
        public void close() {
            generator.close();
        }
    }
}
