package dev.hayloft.observability;

import dev.hayloft.core.listener.CarriedContext;
import dev.hayloft.core.listener.CircuitBreakerEvent;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.FirstTokenEvent;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.core.pipeline.ComponentEndEvent;
import dev.hayloft.core.pipeline.ComponentStartEvent;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.pipeline.PipelineEndEvent;
import dev.hayloft.core.pipeline.PipelineListener;
import dev.hayloft.core.pipeline.PipelineStartEvent;
import dev.hayloft.observability.internal.PipelineSpans;
import dev.hayloft.observability.internal.RequestSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Objects;

/**
 * OpenTelemetry tracing of generations and pipeline runs, per the GenAI semantic conventions:
 * a listener to attach to generators ({@link GenerationListener}) and pipelines
 * ({@link PipelineListener}); nothing global is changed.
 *
 * <ul>
 * <li>a span per generator attempt, named {@code "{gen_ai.operation.name} {gen_ai.request.model}"}
 *     (e.g. {@code "chat gpt-4o-mini"}), kind CLIENT; retries and a fallback's attempts are
 *     separate spans, with {@code hayloft.attempt}; attributes {@code gen_ai.operation.name},
 *     {@code gen_ai.provider.name} (and {@code gen_ai.system}), {@code gen_ai.request.model},
 *     {@code gen_ai.request.temperature}/{@code max_tokens}/{@code top_p}/{@code top_k}/
 *     {@code seed}/{@code stop_sequences} when given, {@code gen_ai.response.model},
 *     {@code gen_ai.usage.input_tokens}/{@code output_tokens},
 *     {@code gen_ai.response.finish_reasons}, {@code error.type} (the exception class) on
 *     failure; the first streamed token is a {@code hayloft.first_token} event (and
 *     {@code gen_ai.response.time_to_first_chunk});</li>
 * <li>a span {@code "invoke_workflow"} per pipeline run ({@code "invoke_workflow {name}"} when
 *     the pipeline's metadata has a {@code name}) and one per component run under it, named
 *     after the component; the generator spans of a component nest under its span;</li>
 * <li>parents: the span current where the run or request starts (the application's),
 *     carried across {@code runAsync} and a pipeline's concurrent branches;</li>
 * <li>content (prompts and replies as {@code gen_ai.input.messages}/{@code gen_ai.output.messages})
 *     only with {@link Builder#captureContent(boolean) captureContent(true)}; kwargs other
 *     than the numbers above, keys and headers are never recorded.</li>
 * </ul>
 *
 * <pre>{@code
 * GenAiTracing tracing = GenAiTracing.create(openTelemetry);
 * OpenAIChatGenerator llm = OpenAIChatGenerator.builder().listener(tracing).build();
 * pipeline.addListener(tracing);             // or tracing.instrument(pipeline): the pipeline and its generators
 * }</pre>
 *
 * <p>Thread-safe; one instance may serve any number of generators and pipelines. Cheap when
 * the OpenTelemetry instance is a no-op one.
 */
public final class GenAiTracing implements GenerationListener, PipelineListener {
    /** The instrumentation scope name of the tracer. */
    public static final String INSTRUMENTATION_NAME = "dev.hayloft.observability";

    private final RequestSpans requests;
    private final PipelineSpans pipelines;
    private final boolean captureContent;

    private GenAiTracing(Builder b) {
        Tracer tracer = b.openTelemetry.getTracer(INSTRUMENTATION_NAME);
        this.requests = new RequestSpans(tracer, b.captureContent);
        this.pipelines = new PipelineSpans(tracer);
        this.captureContent = b.captureContent;
    }

    /** Tracing through {@code openTelemetry}'s tracer provider, content not recorded. */
    public static GenAiTracing create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /** A builder for tracing through {@code openTelemetry}. */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    /**
     * Attaches this tracing to {@code pipeline} and to its generators (every
     * {@link Listenable} component, see {@link Listenable#attach}); idempotent. Returns the
     * pipeline.
     */
    public Pipeline instrument(Pipeline pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        pipeline.addListener(this);
        Listenable.attach(pipeline, List.of(this));
        return pipeline;
    }

    /** Whether prompts and replies are recorded. */
    public boolean capturesContent() {
        return captureContent;
    }

    @Override
    public void onRequest(RequestEvent event) {
        requests.onRequest(event);
    }

    @Override
    public void onFirstToken(FirstTokenEvent event) {
        requests.onFirstToken(event);
    }

    @Override
    public void onRetry(RetryEvent event) {
        requests.onRetry(event);
    }

    @Override
    public void onResponse(ResponseEvent event) {
        requests.onResponse(event);
    }

    @Override
    public void onError(ErrorEvent event) {
        requests.onError(event);
    }

    @Override
    public void onCircuitStateChange(CircuitBreakerEvent event) {
        requests.onCircuitStateChange(event);
    }

    /** The caller's current context ({@code request} null) or the request's current attempt span. */
    @Override
    public CarriedContext carry(GenerationContext request) {
        return requests.carry(request);
    }

    @Override
    public void onPipelineStart(PipelineStartEvent event) {
        pipelines.onPipelineStart(event);
    }

    @Override
    public void onComponentStart(ComponentStartEvent event) {
        pipelines.onComponentStart(event);
    }

    @Override
    public void onComponentEnd(ComponentEndEvent event) {
        pipelines.onComponentEnd(event);
    }

    @Override
    public void onPipelineEnd(PipelineEndEvent event) {
        pipelines.onPipelineEnd(event);
    }

    /** How many requests, pipeline runs and component runs have a span open now (0 when idle). */
    public int openSpans() {
        return requests.openRequests() + pipelines.open();
    }

    @Override
    public String toString() {
        return "GenAiTracing[captureContent=" + captureContent + "]";
    }

    /**
     * Configures a {@link GenAiTracing}.
     *
     * <pre>{@code
     * GenAiTracing tracing = GenAiTracing.builder(openTelemetry).captureContent(true).build();
     * }</pre>
     */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean captureContent;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /**
         * Records prompts ({@code gen_ai.input.messages}) and replies
         * ({@code gen_ai.output.messages}) as span attributes, in the conventions' JSON; off by
         * default, as they may hold personal data.
         */
        public Builder captureContent(boolean captureContent) {
            this.captureContent = captureContent;
            return this;
        }

        public GenAiTracing build() {
            return new GenAiTracing(this);
        }
    }
}
