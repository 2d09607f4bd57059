package dev.hayloft.templates;

import dev.hayloft.templates.Node.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions for the {@link Interpreter}: names, literals, attribute and item access
 * through the sandbox ({@link Attributes}), calls, filters ({@link Filters}), tests
 * ({@link JinjaTests}), Python operators ({@link PyOps}) with short-circuit {@code and}/{@code or}
 * returning operands, chained comparisons and conditional expressions (an {@code if} without
 * {@code else} that is false gives Undefined, as in Jinja2).
 *
 * <pre>{@code
 * Object v = evaluator.eval(expr, scope);
 * }</pre>
 */
final class Evaluator {
    private final RenderState state;
    private final Interpreter interpreter;

    Evaluator(RenderState state, Interpreter interpreter) {
        this.state = state;
        this.interpreter = interpreter;
    }

    Object eval(Expr x, Scope scope) {
        try {
            state.step();
            return evalInner(x, scope);
        } catch (TemplateException e) {
            throw e.at(x.pos().line(), x.pos().column());
        }
    }

    private Object evalInner(Expr x, Scope scope) {
        if (x instanceof Node.Const c) {
            return c.value();
        }
        if (x instanceof Node.Name n) {
            return interpreter.resolve(scope, n.name());
        }
        if (x instanceof Node.GetAttr g) {
            return Attributes.getattr(state, eval(g.target(), scope), g.name());
        }
        if (x instanceof Node.GetItem g) {
            Object target = eval(g.target(), scope);
            Object key = g.key() instanceof Node.SliceExpr s ? slice(s, scope) : eval(g.key(), scope);
            return Attributes.getitem(state, target, key);
        }
        if (x instanceof Node.SliceExpr s) {
            return slice(s, scope);
        }
        if (x instanceof Node.Call c) {
            return evalCall(c, scope, null);
        }
        if (x instanceof Node.Filter f) {
            return evalFilterChain(f, null, scope);
        }
        if (x instanceof Node.Test t) {
            Object value = eval(t.value(), scope);
            return JinjaTests.apply(state, t.name(), value, args(t.args(), t.kwargs(), t.starArgs(), t.starKwargs(), scope,
                    "jinja2.tests.test_" + t.name() + "()"));
        }
        if (x instanceof Node.Unary u) {
            Object v = eval(u.operand(), scope);
            return u.op().equals("not") ? !PyValues.truthy(v) : PyOps.unary(u.op(), v);
        }
        if (x instanceof Node.Binary b) {
            return binary(b, scope);
        }
        if (x instanceof Node.Compare c) {
            Object left = eval(c.first(), scope);
            for (int i = 0; i < c.ops().size(); i++) {
                Object right = eval(c.operands().get(i), scope);
                if (!PyOps.compare(state, c.ops().get(i), left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
        if (x instanceof Node.Cond c) {
            if (PyValues.truthy(eval(c.test(), scope))) {
                return eval(c.then(), scope);
            }
            return c.otherwise() != null ? eval(c.otherwise(), scope) : Undefined.hint("the inline if-expression on line "
                    + c.pos().line() + " evaluated to false and no else section was defined.");
        }
        if (x instanceof Node.ListLit l) {
            return evalAll(l.items(), scope);
        }
        if (x instanceof Node.TupleLit t) {
            return new PyTuple(evalAll(t.items(), scope));
        }
        Node.DictLit d = (Node.DictLit) x;
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < d.keys().size(); i++) {
            Object key = eval(d.keys().get(i), scope);
            if (key instanceof List || key instanceof Map || key instanceof Namespace || key instanceof Undefined) {
                throw TemplateException.runtime("unhashable type: '" + PyValues.typeName(key) + "'");
            }
            Object value = eval(d.values().get(i), scope);
            Object existing = PyValues.isNumber(key) ? map.keySet().stream()
                    .filter(k -> PyValues.isNumber(k) && PyValues.eq(k, key)).findFirst().orElse(key) : key;
            map.put(existing, value);
        }
        state.work(map.size());
        return map;
    }

    private List<Object> evalAll(List<Expr> items, Scope scope) {
        List<Object> out = new ArrayList<>(items.size());
        for (Expr item : items) {
            out.add(eval(item, scope));
        }
        return out;
    }

    private Object slice(Node.SliceExpr s, Scope scope) {
        return new Attributes.Slice(s.start() == null ? null : eval(s.start(), scope),
                s.stop() == null ? null : eval(s.stop(), scope), s.step() == null ? null : eval(s.step(), scope));
    }

    private Object binary(Node.Binary b, Scope scope) {
        Object left = eval(b.left(), scope);
        switch (b.op()) {
            case "and":
                return PyValues.truthy(left) ? eval(b.right(), scope) : left;
            case "or":
                return PyValues.truthy(left) ? left : eval(b.right(), scope);
            case "~":
                return PyOps.tilde(state, left, eval(b.right(), scope));
            default:
                return PyOps.binary(state, b.op(), left, eval(b.right(), scope));
        }
    }

    /** A call; {@code caller} (from a call block) is passed as the keyword {@code caller}. */
    Object evalCall(Node.Call c, Scope scope, PyCallable caller) {
        Object callee = eval(c.callee(), scope);
        Args args = args(c.args(), c.kwargs(), c.starArgs(), c.starKwargs(), scope, "jinja2.sandbox.SandboxedEnvironment.call()");
        if (caller != null) {
            Map<String, Object> kw = new LinkedHashMap<>(args.keywords());
            kw.put("caller", caller);
            args = new Args(args.positional(), kw);
        }
        if (callee instanceof PyCallable fn) {
            return fn.call(state, args);
        }
        if (callee instanceof Undefined u) {
            throw u.error();
        }
        throw TemplateException.runtime("'" + PyValues.typeName(callee) + "' object is not callable");
    }

    /** Applies a filter chain; the innermost filter with no value of its own gets {@code input}. */
    Object evalFilterChain(Expr chain, Object input, Scope scope) {
        if (!(chain instanceof Node.Filter f)) {
            return eval(chain, scope);
        }
        try {
            Object value = f.value() == null ? input : evalFilterChain(f.value(), input, scope);
            state.step();
            Args a = args(f.args(), f.kwargs(), f.starArgs(), f.starKwargs(), scope, FilterSignatures.qualifiedName(f.name()));
            TemplateFilter custom = state.environment().filters().get(f.name());
            return custom != null ? Extensions.callFilter(state, f.name(), custom, value, a)
                    : Filters.apply(state, f.name(), value, a);
        } catch (TemplateException e) {
            throw e.at(f.pos().line(), f.pos().column());
        }
    }

    /** Evaluated arguments; {@code callee} is how Python names the function in a bad {@code **} argument's message. */
    private Args args(List<Expr> positional, List<Node.Keyword> keywords, Expr starArgs, Expr starKwargs, Scope scope,
                      String callee) {
        if (positional.isEmpty() && keywords.isEmpty() && starArgs == null && starKwargs == null) {
            return Args.EMPTY;
        }
        List<Object> values = evalAll(positional, scope);
        if (starArgs != null) {
            Object extra = eval(starArgs, scope);
            if (!PyValues.isIterable(extra)) {
                throw TemplateException.runtime("Value after * must be an iterable, not " + PyValues.typeName(extra));
            }
            values.addAll(PyValues.iterate(state, extra));
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        for (Node.Keyword k : keywords) {
            kw.put(k.name(), eval(k.value(), scope));
        }
        if (starKwargs != null) {
            Object extra = eval(starKwargs, scope);
            if (!(extra instanceof Map<?, ?> map)) {
                throw TemplateException.runtime(callee + " argument after ** must be a mapping, not " + PyValues.typeName(extra));
            }
            map.forEach((k, v) -> kw.put(String.valueOf(k), v));
        }
        return new Args(values, kw);
    }
}
