package dev.hayloft.observability.internal;

import static dev.hayloft.observability.GenAiConventions.ATTEMPT;
import static dev.hayloft.observability.GenAiConventions.COMPONENT_NAME;
import static dev.hayloft.observability.GenAiConventions.COMPONENT_TYPE;
import static dev.hayloft.observability.GenAiConventions.ERROR_TYPE;
import static dev.hayloft.observability.GenAiConventions.INPUT_MESSAGES;
import static dev.hayloft.observability.GenAiConventions.OPERATION_NAME;
import static dev.hayloft.observability.GenAiConventions.OUTPUT_MESSAGES;
import static dev.hayloft.observability.GenAiConventions.PROVIDER_NAME;
import static dev.hayloft.observability.GenAiConventions.REQUEST_CHOICE_COUNT;
import static dev.hayloft.observability.GenAiConventions.REQUEST_ID;
import static dev.hayloft.observability.GenAiConventions.REQUEST_MAX_TOKENS;
import static dev.hayloft.observability.GenAiConventions.REQUEST_MODEL;
import static dev.hayloft.observability.GenAiConventions.REQUEST_SEED;
import static dev.hayloft.observability.GenAiConventions.REQUEST_STOP_SEQUENCES;
import static dev.hayloft.observability.GenAiConventions.REQUEST_TEMPERATURE;
import static dev.hayloft.observability.GenAiConventions.REQUEST_TOP_K;
import static dev.hayloft.observability.GenAiConventions.REQUEST_TOP_P;
import static dev.hayloft.observability.GenAiConventions.RESPONSE_FINISH_REASONS;
import static dev.hayloft.observability.GenAiConventions.RESPONSE_MODEL;
import static dev.hayloft.observability.GenAiConventions.RESPONSE_TIME_TO_FIRST_CHUNK;
import static dev.hayloft.observability.GenAiConventions.SYSTEM;
import static dev.hayloft.observability.GenAiConventions.USAGE_INPUT_TOKENS;
import static dev.hayloft.observability.GenAiConventions.USAGE_OUTPUT_TOKENS;

import dev.hayloft.core.listener.CarriedContext;
import dev.hayloft.core.listener.CircuitBreakerEvent;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.FirstTokenEvent;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.observability.GenAiConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spans of generation requests: one per attempt, named {@code "{operation} {model}"},
 * children of the context current where the request started (or was carried from); the open
 * attempt of each request is kept by request id until its terminal event.
 *
 * <pre>{@code
 * RequestSpans spans = new RequestSpans(tracer, false);
 * spans.onRequest(event);      // opens attempt 1's span
 * spans.onResponse(event);     // ends it
 * }</pre>
 */
public final class RequestSpans {
    private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey(
            RESPONSE_FINISH_REASONS);
    private static final AttributeKey<List<String>> STOPS = AttributeKey.stringArrayKey(REQUEST_STOP_SEQUENCES);

    private final Tracer tracer;
    private final boolean captureContent;
    private final Map<String, Open> open = new ConcurrentHashMap<>();

    /** A request's parent context and the span of its current attempt. */
    private static final class Open {
        final Context parent;
        final String operation;
        final String provider;
        volatile Span span;
        volatile long attemptStartNanos;

        Open(Context parent, String operation, String provider) {
            this.parent = parent;
            this.operation = operation;
            this.provider = provider;
        }
    }

    public RequestSpans(Tracer tracer, boolean captureContent) {
        this.tracer = tracer;
        this.captureContent = captureContent;
    }

    public void onRequest(RequestEvent e) {
        GenerationContext c = e.context();
        Open o = new Open(Context.current(), GenAiConventions.operationName(c),
                GenAiConventions.providerName(c.provider()));
        Span span = start(o, c, c.model(), 1);
        Map<String, Object> kw = e.generationKwargs();
        putIfKnown(span, REQUEST_TEMPERATURE, Kwargs.number(kw, "temperature"));
        putIfKnown(span, REQUEST_TOP_P, Kwargs.number(kw, "top_p"));
        Long maxTokens = Kwargs.integer(kw, "max_tokens", "max_completion_tokens", "max_new_tokens");
        if (maxTokens != null) {
            span.setAttribute(REQUEST_MAX_TOKENS, maxTokens);
        }
        Long topK = Kwargs.integer(kw, "top_k");
        if (topK != null) {
            span.setAttribute(REQUEST_TOP_K, topK);
        }
        Long seed = Kwargs.integer(kw, "seed");
        if (seed != null) {
            span.setAttribute(REQUEST_SEED, seed);
        }
        Long n = Kwargs.integer(kw, "n", "num_return_sequences");
        if (n != null && n != 1) {
            span.setAttribute(REQUEST_CHOICE_COUNT, n);
        }
        List<String> stops = Kwargs.stops(kw);
        if (!stops.isEmpty()) {
            span.setAttribute(STOPS, stops);
        }
        if (captureContent) {
            span.setAttribute(INPUT_MESSAGES, MessagesJson.of(e.messages(), false));
        }
        o.span = span;
        open.put(c.requestId(), o);
    }

    private Span start(Open o, GenerationContext c, String model, int attempt) {
        SpanBuilder b = tracer.spanBuilder(model == null ? o.operation : o.operation + " " + model)
                .setParent(o.parent)
                .setSpanKind("fallback".equals(c.provider()) ? SpanKind.INTERNAL : SpanKind.CLIENT)
                .setAttribute(OPERATION_NAME, o.operation)
                .setAttribute(PROVIDER_NAME, o.provider)
                .setAttribute(SYSTEM, o.provider)
                .setAttribute(COMPONENT_NAME, c.componentName())
                .setAttribute(COMPONENT_TYPE, c.componentType())
                .setAttribute(REQUEST_ID, c.requestId())
                .setAttribute(ATTEMPT, attempt);
        if (model != null) {
            b.setAttribute(REQUEST_MODEL, model);
        }
        Server server = Server.of(c);
        if (server != null) {
            b.setAttribute(GenAiConventions.SERVER_ADDRESS, server.address());
            b.setAttribute(GenAiConventions.SERVER_PORT, server.port());
        }
        o.attemptStartNanos = System.nanoTime();
        return b.startSpan();
    }

    private static void putIfKnown(Span span, String key, Double value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }

    public void onFirstToken(FirstTokenEvent e) {
        Open o = open.get(e.context().requestId());
        if (o == null) {
            return;
        }
        double seconds = (System.nanoTime() - o.attemptStartNanos) / 1e9;
        o.span.setAttribute(RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
        o.span.addEvent(GenAiConventions.FIRST_TOKEN_EVENT, Attributes.of(
                AttributeKey.doubleKey(RESPONSE_TIME_TO_FIRST_CHUNK), seconds));
    }

    public void onRetry(RetryEvent e) {
        Open o = open.get(e.context().requestId());
        if (o == null) {
            return;
        }
        Span previous = o.span;
        fail(previous, e.previousError());
        if (e.delay().isZero() || e.delay().isNegative()) {
            previous.end();
        } else {
            previous.end(Instant.now().minus(e.delay())); // the failed attempt ended before the back-off
        }
        o.span = start(o, e.context(), e.attemptModel(), e.attempt());
    }

    public void onResponse(ResponseEvent e) {
        Open o = open.remove(e.context().requestId());
        if (o == null) {
            return;
        }
        Span span = o.span;
        if (e.responseModel() != null) {
            span.setAttribute(RESPONSE_MODEL, e.responseModel());
        }
        if (e.usage().inputTokens() != null) {
            span.setAttribute(USAGE_INPUT_TOKENS, e.usage().inputTokens().longValue());
        }
        if (e.usage().outputTokens() != null) {
            span.setAttribute(USAGE_OUTPUT_TOKENS, e.usage().outputTokens().longValue());
        }
        if (!e.finishReasons().isEmpty()) {
            span.setAttribute(FINISH_REASONS, e.finishReasons());
        }
        if (captureContent) {
            span.setAttribute(OUTPUT_MESSAGES, MessagesJson.of(e.replies(), true));
        }
        span.end();
    }

    public void onError(ErrorEvent e) {
        Open o = open.remove(e.context().requestId());
        if (o == null) {
            return;
        }
        fail(o.span, e.cancelled() ? null : e.error());
        if (e.cancelled()) {
            o.span.setAttribute(ERROR_TYPE, "cancelled");
            o.span.setStatus(StatusCode.ERROR, "cancelled");
        }
        o.span.end();
    }

    private static void fail(Span span, Throwable error) {
        if (error == null) {
            return;
        }
        String type = error.getClass().getName();
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        // Hayloft's exceptions carry no secrets (keys are scrubbed); the message may quote the
        // provider's error body, never the prompt
        span.recordException(error);
    }

    public void onCircuitStateChange(CircuitBreakerEvent e) {
        Open o = open.get(e.context().requestId());
        if (o == null) {
            return;
        }
        o.span.addEvent(GenAiConventions.CIRCUIT_EVENT, Attributes.builder()
                .put("hayloft.circuit_breaker.generator_index", e.generatorIndex())
                .put("hayloft.circuit_breaker.generator", e.generatorName())
                .put("hayloft.circuit_breaker.previous_state", e.previous().name())
                .put("hayloft.circuit_breaker.state", e.state().name())
                .build());
    }

    /** The context current now (request null) or the request's current attempt, to enter elsewhere. */
    public CarriedContext carry(GenerationContext request) {
        Context carried;
        if (request == null) {
            carried = Context.current();
        } else {
            Open o = open.get(request.requestId());
            if (o == null) {
                return CarriedContext.NONE;
            }
            carried = o.parent.with(o.span);
        }
        return () -> {
            Scope scope = carried.makeCurrent();
            return scope::close;
        };
    }

    /** Requests with an open span (for tests: 0 once every request ended). */
    public int openRequests() {
        return open.size();
    }
}
