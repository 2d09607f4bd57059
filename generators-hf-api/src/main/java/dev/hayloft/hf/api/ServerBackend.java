package dev.hayloft.hf.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The serving software behind a URL, which decides how a structured-output request is written
 * ({@code api_params.backend}): TGI's {@code response_format} / {@code grammar}
 * ({@code {"type": "json" | "regex", "value": ...}}), vLLM's {@code structured_outputs},
 * SGLang's {@code response_format} JSON schema and {@code regex}, or OpenAI's
 * {@code response_format} JSON schema (the Hugging Face router, llama.cpp's server and other
 * OpenAI-compatible servers). When not given it is detected from the server's {@code /info}
 * (TGI) or {@code /v1/models} ({@code owned_by}) the first time a structured output is asked for.
 *
 * <pre>{@code
 * HuggingFaceAPIChatGenerator llm = HuggingFaceAPIChatGenerator.builder()
 *         .apiType(HFGenerationAPIType.TEXT_GENERATION_INFERENCE)
 *         .url("http://vllm.internal:8000").backend(ServerBackend.VLLM).build();
 * }</pre>
 */
public enum ServerBackend {
    /** Text Generation Inference. */
    TGI("tgi"),
    /** vLLM's OpenAI-compatible server. */
    VLLM("vllm"),
    /** SGLang's OpenAI-compatible server. */
    SGLANG("sglang"),
    /** Any other OpenAI-compatible server, and the Hugging Face router. */
    OPENAI("openai");

    private final String value;

    ServerBackend(String value) {
        this.value = value;
    }

    /** The name used in {@code api_params.backend}. */
    public String value() {
        return value;
    }

    /**
     * The backend named {@code value} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ServerBackend fromString(String value) {
        List<String> known = new ArrayList<>();
        for (ServerBackend b : values()) {
            if (value != null && b.value.equals(value.toLowerCase(Locale.ROOT))) {
                return b;
            }
            known.add(b.value);
        }
        throw new IllegalArgumentException("api_params.backend: unknown backend '" + value + "'; known backends are "
                + known);
    }

    @Override
    public String toString() {
        return value;
    }
}
