package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.api.internal.HfEndpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Building validates {@code api_type} and {@code api_params} without any network call (the
 * URLs point nowhere): each mistake gets a message naming the parameter. The wording of the
 * missing-url/model and invalid-URL messages is Haystack 2.19's.
 */
class ValidationTest {
    private static String message(Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    private static HuggingFaceAPIChatGenerator chat(HFGenerationAPIType type, Map<String, ?> params) {
        return HuggingFaceAPIChatGenerator.builder().apiType(type).apiParams(params).build();
    }

    @Test
    void missingUrlOrModel() {
        assertEquals("To use Text Generation Inference or Inference Endpoints, you need to specify the `url` "
                + "parameter in `api_params`.", message(() -> chat(HFGenerationAPIType.INFERENCE_ENDPOINTS, Map.of())));
        assertEquals("To use the Serverless Inference API, you need to specify the `model` parameter in "
                + "`api_params`.", message(() -> chat(HFGenerationAPIType.SERVERLESS_INFERENCE_API, Map.of())));
        assertTrue(message(() -> HuggingFaceAPIGenerator.builder().apiType("serverless_inference_api")
                .apiParams(Map.of("url", "http://x")).build()).contains("unknown key") == false);
    }

    @Test
    void malformedUrls() {
        assertTrue(message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE, Map.of("url", "localhost:8080")))
                .startsWith("Invalid URL: localhost:8080"));
        assertTrue(message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE, Map.of("url", "ftp://host/x")))
                .startsWith("Invalid URL: ftp://host/x"));
        assertTrue(message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE, Map.of("url", "http://")))
                .startsWith("Invalid URL"));
        assertTrue(message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE, Map.of("url", "http://a b")))
                .startsWith("Invalid URL"));
    }

    @Test
    void unknownApiTypeAndMissingApiType() {
        assertEquals("Unknown Hugging Face API type 'tgi'. Supported types are: [text_generation_inference, "
                + "inference_endpoints, serverless_inference_api]",
                message(() -> HuggingFaceAPIChatGenerator.builder().apiType("tgi")));
        assertTrue(message(() -> HuggingFaceAPIChatGenerator.builder().apiParams(Map.of("url", "http://x")).build())
                .startsWith("api_type is required"));
    }

    @Test
    void providerOnlyWithTheRouter() {
        String m = message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE,
                Map.of("url", "http://localhost:8080", "provider", "together")));
        assertTrue(m.startsWith("api_params.provider is only used with serverless_inference_api"), m);
        assertTrue(message(() -> chat(HFGenerationAPIType.SERVERLESS_INFERENCE_API,
                Map.of("model", "Qwen/Qwen2.5-7B-Instruct:fastest", "provider", "together")))
                .contains("in both"));
        assertTrue(message(() -> chat(HFGenerationAPIType.SERVERLESS_INFERENCE_API,
                Map.of("model", "Qwen/Qwen2.5-7B-Instruct", "provider", "Together AI")))
                .startsWith("api_params.provider must be"));
        assertTrue(message(() -> chat(HFGenerationAPIType.SERVERLESS_INFERENCE_API,
                Map.of("model", "Qwen/Qwen2.5-7B-Instruct", "backend", "vllm")))
                .startsWith("api_params.backend: the Hugging Face router speaks OpenAI's dialect"));
    }

    @Test
    void otherParameters() {
        assertTrue(message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE,
                Map.of("url", "http://localhost:8080", "base_url", "http://x")))
                .startsWith("api_params: unknown key(s) [base_url]"));
        assertTrue(message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE,
                Map.of("url", "http://localhost:8080", "timeout", -1)))
                .startsWith("api_params.timeout must be a positive number"));
        assertTrue(message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE,
                Map.of("url", "http://localhost:8080", "headers", Map.of("X-A", 1))))
                .startsWith("api_params.headers must map header names to string values"));
        assertTrue(message(() -> chat(HFGenerationAPIType.TEXT_GENERATION_INFERENCE,
                Map.of("url", "http://localhost:8080", "backend", "ollama")))
                .startsWith("api_params.backend: unknown backend 'ollama'"));
        assertTrue(message(() -> HuggingFaceAPIChatGenerator.builder().apiType("text_generation_inference")
                .url("http://localhost:8080").generationKwargs(Map.of("response_format", Map.of("type", "xml")))
                .build()).startsWith("generation_kwargs.response_format.type must be one of"));
        assertTrue(message(() -> HuggingFaceAPIChatGenerator.builder().apiType("text_generation_inference")
                .url("http://localhost:8080").generationKwargs(Map.of("stop", "END")).build())
                .startsWith("generation_kwargs.stop must be a list"));
    }

    @Test
    void urlsFollowHuggingfaceHub() {
        String router = HfEndpoint.ROUTER;
        HfEndpoint tgi = HfEndpoint.of(HFGenerationAPIType.TEXT_GENERATION_INFERENCE,
                Map.of("url", "http://localhost:8080/"), router);
        assertEquals("http://localhost:8080/v1/chat/completions", tgi.chatUrl());
        assertEquals("http://localhost:8080/generate", tgi.generateUrl(false));
        assertEquals("http://localhost:8080/generate_stream", tgi.generateUrl(true));
        assertEquals("http://localhost:8080/info", tgi.infoUrl());
        HfEndpoint v1 = HfEndpoint.of(HFGenerationAPIType.INFERENCE_ENDPOINTS,
                Map.of("url", "https://x.endpoints.huggingface.cloud/v1"), router);
        assertEquals("https://x.endpoints.huggingface.cloud/v1/chat/completions", v1.chatUrl());
        assertEquals("https://x.endpoints.huggingface.cloud/v1/models", v1.modelsUrl());
        HfEndpoint full = HfEndpoint.of(HFGenerationAPIType.INFERENCE_ENDPOINTS,
                Map.of("url", "https://proxy.internal/llm/v1/chat/completions"), router);
        assertEquals("https://proxy.internal/llm/v1/chat/completions", full.chatUrl());
        assertEquals("https://proxy.internal/llm/generate", full.generateUrl(false));
        HfEndpoint serverless = HfEndpoint.of(HFGenerationAPIType.SERVERLESS_INFERENCE_API,
                Map.of("model", "Qwen/Qwen2.5-7B-Instruct", "provider", "fastest"), router);
        assertEquals("https://router.huggingface.co/v1/chat/completions", serverless.chatUrl());
        assertEquals("Qwen/Qwen2.5-7B-Instruct:fastest", serverless.chatModel());
        assertEquals("https://router.huggingface.co/hf-inference/models/Qwen/Qwen2.5-7B-Instruct",
                serverless.generateUrl(false));
        assertEquals("Qwen/Qwen2.5-7B-Instruct", HfEndpoint.of(HFGenerationAPIType.SERVERLESS_INFERENCE_API,
                Map.of("model", "Qwen/Qwen2.5-7B-Instruct", "provider", "auto"), router).chatModel());
        assertEquals(null, tgi.chatModel());
    }
}
