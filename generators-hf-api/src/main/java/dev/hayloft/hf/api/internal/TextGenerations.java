package dev.hayloft.hf.api.internal;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.generation.GeneratorResult;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.listener.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One text-generation request of {@code HuggingFaceAPIGenerator} ({@link TgiText}): to TGI's
 * {@code /generate} or {@code /generate_stream} at a URL, or the router's hf-inference
 * text-generation task, whose "not served" answer (404) is turned into a message that points
 * to the chat generator; the result is reported to the listeners.
 *
 * <pre>{@code
 * GeneratorResult r = runtime.run(obs, scope -> TextGenerations.generate(runtime, scope, prompt, kwargs, null, obs, info));
 * }</pre>
 */
public final class TextGenerations {
    private static final Logger LOG = LoggerFactory.getLogger(TextGenerations.class);

    private TextGenerations() {
    }

    /** Logs Haystack's warning that the serverless text-generation task serves few models now. */
    public static void warnIfServerless(HfSettings settings) {
        if (!settings.apiType().usesUrl()) {
            LOG.warn("Due to changes in the models offered in Hugging Face Inference API, using this component with "
                    + "the Serverless Inference API might no longer work. Please use the `HuggingFaceAPIChatGenerator` "
                    + "component instead.");
        }
    }

    /** Sends the request and reads the reply (streamed when {@code callback} is set). */
    public static GeneratorResult generate(HfRuntime runtime, CallScope scope, String prompt,
            Map<String, Object> kwargs, StreamingCallback callback, GenerationObservation obs, ComponentInfo info) {
        HfEndpoint endpoint = runtime.settings().endpoint();
        boolean streaming = callback != null;
        Map<String, Object> body = TgiText.body(prompt, kwargs, endpoint.streamInBody() ? streaming : null);
        String url = endpoint.generateUrl(streaming);
        GeneratorResult result;
        try {
            if (streaming) {
                TgiText.Stream stream = new TgiText.Stream(info, obs.wrap(callback), endpoint.modelLabel());
                runtime.client().stream(url, body, scope, stream);
                result = stream.finish();
            } else {
                result = TgiText.result(runtime.client().post(url, body, scope), endpoint.modelLabel());
            }
        } catch (GenerationException e) {
            throw notServed(e, endpoint);
        }
        if (obs.isActive()) {
            List<ChatMessage> replies = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < result.replies().size(); i++) {
                Map<String, Object> meta = result.meta().get(i);
                replies.add(ChatMessage.assistant().text(result.replies().get(i)).meta(meta).build());
                if (meta.get("finish_reason") instanceof String) {
                    reasons.add((String) meta.get("finish_reason"));
                }
            }
            obs.succeeded(replies, TokenUsage.fromMeta(result.meta().get(0).get("usage")), reasons,
                    endpoint.modelLabel());
        }
        return result;
    }

    /** A 404 of the router's text-generation task: the model is not served there; point to the chat generator. */
    private static GenerationException notServed(GenerationException e, HfEndpoint endpoint) {
        if (endpoint.url() != null || e.statusCode().orElse(0) != 404) {
            return e;
        }
        return new InvalidRequestException("The model '" + endpoint.model() + "' is not served for text generation "
                + "by the hf-inference provider (the serverless text-generation task offers few models now). Use "
                + "HuggingFaceAPIChatGenerator with api_type serverless_inference_api, which reaches the model "
                + "through chat completion on Inference Providers. Server said: " + e.getMessage(),
                GenerationException.details(e.provider()).statusCode(404).requestId(e.requestId().orElse(null))
                        .retryable(false), e);
    }
}
