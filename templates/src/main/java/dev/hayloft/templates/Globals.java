package dev.hayloft.templates;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The global functions a chat template can call: Jinja2's {@code range} (capped at 100000 items
 * like the sandbox's), {@code dict}, {@code namespace}, and transformers' additions
 * {@code raise_exception(message)} and {@code strftime_now(format)} (which reads the render's
 * clock, so tests can freeze the date).
 *
 * <pre>{@code
 * {%- set ns = namespace(count=0) %}
 * {%- if messages|length == 0 %}{{ raise_exception('No messages!') }}{% endif %}
 * Today Date: {{ strftime_now('%d %b %Y') }}
 * }</pre>
 */
final class Globals {
    /** The sandbox's largest allowed {@code range}. */
    static final int MAX_RANGE = 100_000;

    private Globals() {
    }

    /** A fresh map of the globals (the map is per render; the functions are stateless). */
    static Map<String, Object> create(Map<String, Object> extra) {
        Map<String, Object> g = new HashMap<>();
        g.put("range", new PyCallable.Builtin("range", Globals::range));
        g.put("dict", new PyCallable.Builtin("dict", (st, a) -> dict(st, a)));
        g.put("namespace", new PyCallable.Builtin("namespace", (st, a) -> {
            Namespace ns = new Namespace();
            dict(st, a).forEach((k, v) -> ns.set(String.valueOf(k), v));
            return ns;
        }));
        g.put("cycler", new PyCallable.Builtin("cycler", (st, a) -> {
            if (!a.keywords().isEmpty()) {
                throw TemplateException.runtime("Cycler.__init__() got an unexpected keyword argument '"
                        + a.keywords().keySet().iterator().next() + "'");
            }
            return new Cycler(a.positional());
        }));
        g.put("joiner", new PyCallable.Builtin("joiner", (st, a) ->
                new Cycler.Joiner(Signatures.function(a, "Joiner.__init__", 1, 0, "sep").get(0, "sep", ", "))));
        g.put("lipsum", new PyCallable.Builtin("generate_lorem_ipsum", Lipsum::generate));
        g.putAll(extra);
        return g;
    }

    /** transformers' additions: {@code raise_exception(message)} and {@code strftime_now(format)}. */
    static Map<String, Object> transformers() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("raise_exception", new PyCallable.Builtin("raise_exception", (st, a) -> {
            Object message = a.check("raise_exception", "message").require(0, "message", "raise_exception");
            throw TemplateException.of(TemplateException.Kind.RAISED, PyValues.str(st, message));
        }));
        g.put("strftime_now", new PyCallable.Builtin("strftime_now", (st, a) -> {
            Object format = a.check("strftime_now", "format").require(0, "format", "strftime_now");
            if (!(format instanceof String f)) {
                throw TemplateException.runtime("strftime() argument 1 must be str, not " + PyValues.typeName(format));
            }
            return Strftime.format(LocalDateTime.now(st.clock()), f);
        }));
        return g;
    }

    private static Object range(RenderState state, Args a) {
        if (!a.keywords().isEmpty()) {
            throw TemplateException.runtime("range() takes no keyword arguments");
        }
        List<Object> p = a.positional();
        if (p.isEmpty() || p.size() > 3) {
            throw TemplateException.runtime("range expected at " + (p.isEmpty() ? "least 1 argument" : "most 3 arguments")
                    + ", got " + p.size());
        }
        for (Object v : p) {
            if (!PyValues.isInt(v)) {
                throw TemplateException.runtime("'" + PyValues.typeName(v) + "' object cannot be interpreted as an integer");
            }
        }
        long start = p.size() == 1 ? 0 : PyValues.toLong(p.get(0));
        long stop = PyValues.toLong(p.size() == 1 ? p.get(0) : p.get(1));
        long step = p.size() == 3 ? PyValues.toLong(p.get(2)) : 1;
        if (step == 0) {
            throw TemplateException.runtime("range() arg 3 must not be zero");
        }
        long count = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
                : (start > stop ? (start - stop - step - 1) / -step : 0);
        if (count > MAX_RANGE) {
            throw TemplateException.runtime("Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
        }
        state.work(count);
        return new PyRange(start, stop, step);
    }

    /** Python's {@code dict(mapping_or_pairs, **kwargs)}. */
    private static Map<Object, Object> dict(RenderState state, Args a) {
        if (a.positionalCount() > 1) {
            throw TemplateException.runtime("dict expected at most 1 argument, got " + a.positionalCount());
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        if (a.positionalCount() == 1) {
            Mutators.addPairs(state, out, a.positional().get(0));
        }
        a.keywords().forEach((k, v) -> Mutators.put(out, k, v));
        return out;
    }
}
