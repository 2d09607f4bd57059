package dev.hayloft.hf.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Which Hugging Face API a generator talks to, Haystack's {@code HFGenerationAPIType}:
 * {@code text_generation_inference} (a self-hosted TGI server, or any server the module
 * speaks to at a URL: vLLM, SGLang, llama.cpp), {@code inference_endpoints} (a dedicated
 * Inference Endpoint's URL) or {@code serverless_inference_api} (Hugging Face's Inference
 * Providers, by model id).
 *
 * <pre>{@code
 * HFGenerationAPIType t = HFGenerationAPIType.fromString("serverless_inference_api");
 * String name = HFGenerationAPIType.TEXT_GENERATION_INFERENCE.value();   // "text_generation_inference"
 * }</pre>
 */
public enum HFGenerationAPIType {
    /** A Text Generation Inference server (or another server at a URL). */
    TEXT_GENERATION_INFERENCE("text_generation_inference"),
    /** A Hugging Face Inference Endpoint. */
    INFERENCE_ENDPOINTS("inference_endpoints"),
    /** The serverless Inference Providers, through the Hugging Face router. */
    SERVERLESS_INFERENCE_API("serverless_inference_api");

    private final String value;

    HFGenerationAPIType(String value) {
        this.value = value;
    }

    /** Haystack's string for this type. */
    public String value() {
        return value;
    }

    /** Whether the API is reached at a URL given in {@code api_params.url} (not by model id). */
    public boolean usesUrl() {
        return this != SERVERLESS_INFERENCE_API;
    }

    /**
     * The type named {@code value}, as Haystack's {@code HFGenerationAPIType.from_str}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static HFGenerationAPIType fromString(String value) {
        List<String> known = new ArrayList<>();
        for (HFGenerationAPIType t : values()) {
            if (t.value.equals(value)) {
                return t;
            }
            known.add(t.value);
        }
        throw new IllegalArgumentException("Unknown Hugging Face API type '" + value + "'. Supported types are: "
                + known);
    }

    @Override
    public String toString() {
        return value;
    }
}
