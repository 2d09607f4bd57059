package dev.hayloft.observability.internal;

import static dev.hayloft.observability.GenAiConventions.COMPONENT_NAME;
import static dev.hayloft.observability.GenAiConventions.COMPONENT_TYPE;
import static dev.hayloft.observability.GenAiConventions.COMPONENT_VISIT;
import static dev.hayloft.observability.GenAiConventions.ERROR_TYPE;
import static dev.hayloft.observability.GenAiConventions.INVOKE_WORKFLOW;
import static dev.hayloft.observability.GenAiConventions.OPERATION_NAME;
import static dev.hayloft.observability.GenAiConventions.PIPELINE_RUN_ID;
import static dev.hayloft.observability.GenAiConventions.WORKFLOW_NAME;

import dev.hayloft.core.pipeline.ComponentEndEvent;
import dev.hayloft.core.pipeline.ComponentRunContext;
import dev.hayloft.core.pipeline.ComponentStartEvent;
import dev.hayloft.core.pipeline.PipelineEndEvent;
import dev.hayloft.core.pipeline.PipelineStartEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spans of pipeline runs: {@code invoke_workflow [name]} per run (a child of the context
 * current where the run started), one per component run under it (current on the component's
 * thread while it runs, so generator spans nest under it).
 *
 * <pre>{@code
 * PipelineSpans spans = new PipelineSpans(tracer);
 * spans.onPipelineStart(e); spans.onComponentStart(c); spans.onComponentEnd(d); spans.onPipelineEnd(f);
 * }</pre>
 */
public final class PipelineSpans {
    private final Tracer tracer;
    private final Map<String, Context> runs = new ConcurrentHashMap<>();
    private final Map<ComponentRunContext, Running> components = new ConcurrentHashMap<>();

    private record Running(Span span, Scope scope) {
    }

    public PipelineSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    public void onPipelineStart(PipelineStartEvent e) {
        Object name = e.run().metadata().get("name");
        String workflow = name instanceof String ? (String) name : null;
        Context parent = Context.current();
        Span span = tracer.spanBuilder(workflow == null ? INVOKE_WORKFLOW : INVOKE_WORKFLOW + " " + workflow)
                .setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION_NAME, INVOKE_WORKFLOW)
                .setAttribute(PIPELINE_RUN_ID, e.run().runId())
                .setAttribute("hayloft.pipeline.async", e.run().async())
                .startSpan();
        if (workflow != null) {
            span.setAttribute(WORKFLOW_NAME, workflow);
        }
        runs.put(e.run().runId(), parent.with(span));
    }

    public void onComponentStart(ComponentStartEvent e) {
        ComponentRunContext c = e.component();
        Context parent = runs.getOrDefault(c.run().runId(), Context.current());
        Span span = tracer.spanBuilder(c.componentName()).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(COMPONENT_NAME, c.componentName())
                .setAttribute(COMPONENT_TYPE, c.componentType())
                .setAttribute(COMPONENT_VISIT, c.visit())
                .setAttribute(PIPELINE_RUN_ID, c.run().runId())
                .startSpan();
        components.put(c, new Running(span, parent.with(span).makeCurrent()));
    }

    public void onComponentEnd(ComponentEndEvent e) {
        Running r = components.remove(e.component());
        if (r == null) {
            return;
        }
        r.scope().close();
        fail(r.span(), e.error());
        r.span().end();
    }

    public void onPipelineEnd(PipelineEndEvent e) {
        Context c = runs.remove(e.run().runId());
        if (c == null) {
            return;
        }
        Span span = Span.fromContext(c);
        fail(span, e.error());
        span.end();
    }

    private static void fail(Span span, Throwable error) {
        if (error == null) {
            return;
        }
        span.setAttribute(ERROR_TYPE, error.getClass().getName());
        span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    }

    /** Runs and component runs with an open span (for tests). */
    public int open() {
        return runs.size() + components.size();
    }
}
