package dev.hayloft.observability;

import dev.hayloft.core.listener.GenerationContext;
import java.util.Locale;

/**
 * The names Hayloft's observability emits: the OpenTelemetry GenAI semantic conventions'
 * attribute and metric names (development status; the {@code gen_ai.*} names of the
 * conventions' latest experimental version, plus {@code gen_ai.system} for older collectors),
 * and the few Hayloft-specific ones (under {@code hayloft.}). Also how a request's
 * {@code gen_ai.operation.name} and {@code gen_ai.provider.name} are derived.
 *
 * <pre>{@code
 * SpanData span = exporter.getFinishedSpanItems().get(0);
 * String model = span.getAttributes().get(AttributeKey.stringKey(GenAiConventions.REQUEST_MODEL));
 * }</pre>
 */
public final class GenAiConventions {
    public static final String OPERATION_NAME = "gen_ai.operation.name";
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    /** The provider under its pre-1.37 name, still read by older collectors and backends. */
    public static final String SYSTEM = "gen_ai.system";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String REQUEST_TEMPERATURE = "gen_ai.request.temperature";
    public static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
    public static final String REQUEST_TOP_P = "gen_ai.request.top_p";
    public static final String REQUEST_TOP_K = "gen_ai.request.top_k";
    public static final String REQUEST_SEED = "gen_ai.request.seed";
    public static final String REQUEST_STOP_SEQUENCES = "gen_ai.request.stop_sequences";
    public static final String REQUEST_CHOICE_COUNT = "gen_ai.request.choice.count";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
    public static final String RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";
    public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String TOKEN_TYPE = "gen_ai.token.type";
    /** Opt-in content: the request's messages as the conventions' JSON. */
    public static final String INPUT_MESSAGES = "gen_ai.input.messages";
    /** Opt-in content: the replies as the conventions' JSON. */
    public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
    public static final String WORKFLOW_NAME = "gen_ai.workflow.name";
    public static final String ERROR_TYPE = "error.type";
    public static final String SERVER_ADDRESS = "server.address";
    public static final String SERVER_PORT = "server.port";

    /** {@code gen_ai.operation.name} of a pipeline run. */
    public static final String INVOKE_WORKFLOW = "invoke_workflow";
    public static final String CHAT = "chat";
    public static final String TEXT_COMPLETION = "text_completion";
    public static final String GENERATE_CONTENT = "generate_content";

    /** The attempt of a request a span covers, from 1 (retries and fallback attempts are separate spans). */
    public static final String ATTEMPT = "hayloft.attempt";
    /** Hayloft's id of the request (all its attempts share it). */
    public static final String REQUEST_ID = "hayloft.request.id";
    public static final String COMPONENT_NAME = "hayloft.component.name";
    public static final String COMPONENT_TYPE = "hayloft.component.type";
    public static final String COMPONENT_VISIT = "hayloft.component.visit";
    public static final String PIPELINE_RUN_ID = "hayloft.pipeline.run_id";
    /** Span event at the first streamed chunk with content. */
    public static final String FIRST_TOKEN_EVENT = "hayloft.first_token";
    /** Span event when a circuit breaker of a fallback's delegate changes state. */
    public static final String CIRCUIT_EVENT = "hayloft.circuit_breaker.state_change";

    public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";
    public static final String METRIC_TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    /** Failed attempts by {@code error.type} (retried ones included; {@code hayloft.retried} tells). */
    public static final String METRIC_ERRORS = "hayloft.gen_ai.client.errors";
    public static final String RETRIED = "hayloft.retried";

    private GenAiConventions() {
    }

    /**
     * The request's {@code gen_ai.operation.name}: {@code generate_content} for image
     * generators; {@code chat} for chat generators, fallbacks and the OpenAI-family text
     * generators (they call the chat completions API); {@code text_completion} for the other
     * prompt-in, text-out generators (TGI's {@code /generate}, in-process models).
     */
    public static String operationName(GenerationContext context) {
        String type = context.componentType();
        String simple = type.substring(type.lastIndexOf('.') + 1);
        if (simple.contains("Image") || simple.contains("DALLE")) {
            return GENERATE_CONTENT;
        }
        String provider = context.provider();
        if (simple.contains("Chat") || "fallback".equals(provider) || "openai".equals(provider)
                || "azure_openai".equals(provider)) {
            return CHAT;
        }
        return TEXT_COMPLETION;
    }

    /**
     * The request's {@code gen_ai.provider.name}: the conventions' well-known names where one
     * applies ({@code openai}, {@code azure.ai.openai}), else Hayloft's provider name
     * ({@code huggingface}; {@code hayloft.local} for in-process models, {@code hayloft.fallback}
     * for a fallback's own request).
     */
    public static String providerName(String provider) {
        switch (provider.toLowerCase(Locale.ROOT)) {
            case "azure_openai":
                return "azure.ai.openai";
            case "local":
                return "hayloft.local";
            case "fallback":
                return "hayloft.fallback";
            default:
                return provider;
        }
    }
}
