package dev.hayloft.examples.hfapi;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.generation.GeneratorResult;
import dev.hayloft.core.serde.Json;
import dev.hayloft.examples.support.Backend;
import dev.hayloft.examples.support.LoopbackServer;
import dev.hayloft.hf.api.HFGenerationAPIType;
import dev.hayloft.hf.api.HuggingFaceAPIChatGenerator;
import dev.hayloft.hf.api.HuggingFaceAPIGenerator;
import dev.hayloft.hf.api.ResponseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON output constrained by a grammar on a self-hosted server: one {@link ResponseFormat} (a
 * Java record's JSON schema) given to {@link HuggingFaceAPIChatGenerator} and
 * {@link HuggingFaceAPIGenerator}, translated into what the server behind the URL takes — for
 * TGI, {@code response_format {"type": "json", "value": schema}} on {@code /v1/chat/completions}
 * and {@code parameters.grammar} (the same object) on {@code /generate}; for vLLM
 * {@code structured_outputs}, for SGLang a JSON-schema {@code response_format}. The backend is
 * detected from the server's {@code /info} (TGI) or {@code /v1/models} (vLLM, SGLang) unless
 * {@code .backend(ServerBackend.VLLM)} says it. The reply is parsed into the record.
 *
 * <p>Calls the server at {@code TGI_URL} (e.g. {@code http://localhost:8080}; a vLLM or SGLang URL
 * works for the chat part, and the text part then says that the server has no {@code /generate}) when it is set, else a scripted TGI stand-in on loopback, whose
 * received requests are printed to show the translation.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.hfapi.TgiStructuredOutputExample
 * </pre>
 */
public final class TgiStructuredOutputExample {
    /** The reply's shape; its JSON schema is the grammar. */
    public record Weather(String city, double celsius, String conditions) {
    }

    private TgiStructuredOutputExample() {
    }

    public static void main(String[] args) {
        ResponseFormat format = ResponseFormat.of(Weather.class);
        try (Backend tgi = Backend.tgi();
             HuggingFaceAPIChatGenerator chat = HuggingFaceAPIChatGenerator.builder()
                     .apiType(HFGenerationAPIType.TEXT_GENERATION_INFERENCE).url(tgi.url()).token(tgi.apiKey())
                     .generationKwargs(Map.of("max_tokens", 100))
                     .build();
             HuggingFaceAPIGenerator text = HuggingFaceAPIGenerator.builder()
                     .apiType(HFGenerationAPIType.TEXT_GENERATION_INFERENCE).url(tgi.url()).token(tgi.apiKey())
                     .generationKwargs(Map.of("max_new_tokens", 100))
                     .build()) {
            ChatMessage reply = chat.run(List.of(ChatMessage.fromUser("What's the weather in Paris? Answer in JSON.")),
                    format.generationKwargs(), null, null).replies().get(0);
            printReceived(tgi, "/v1/chat/completions", "response_format");
            Weather weather = ResponseFormat.parse(reply, Weather.class);
            System.out.println("chat reply " + reply.text() + " -> " + weather);

            try {
                GeneratorResult generated = text.run("The weather in Paris as JSON:", null, format.generationKwargs());
                printReceived(tgi, "/generate", "grammar");
                // parse() reads a message's text; the text generator's reply is a plain string
                String json = generated.replies().get(0);
                Weather fromText = ResponseFormat.parse(ChatMessage.fromAssistant(json), Weather.class);
                System.out.println("generate reply " + json + " -> " + fromText + " finish_reason="
                        + generated.meta().get(0).get("finish_reason"));
            } catch (InvalidRequestException e) {
                // vLLM and SGLang serve only the OpenAI-compatible routes, not TGI's /generate
                System.out.println("no TGI /generate at " + tgi.url() + " (a vLLM or SGLang server?): " + e.getMessage());
            }
            if (tgi.scripted()) {
                List<String> routes = new ArrayList<>();
                tgi.received().forEach(r -> routes.add(r.method() + " " + r.path()));
                System.out.println("requests, in order: " + routes + " (/info: the backend detection)");
            }
        }
    }

    /** Prints the structured-output field of the last request to {@code path} the stand-in received. */
    @SuppressWarnings("unchecked")
    private static void printReceived(Backend tgi, String path, String field) {
        LoopbackServer.Request last = null;
        for (LoopbackServer.Request r : tgi.received()) {
            if (r.path().equals(path)) {
                last = r;
            }
        }
        if (last == null) {
            return;   // a real server: its requests are not seen here
        }
        Map<String, Object> body = last.json();
        Object value = field.equals("grammar")
                ? ((Map<String, Object>) body.get("parameters")).get("grammar") : body.get(field);
        System.out.println("the server received on " + path + ": \"" + field + "\": " + Json.write(value));
    }
}
