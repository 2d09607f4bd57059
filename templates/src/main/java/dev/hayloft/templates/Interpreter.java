package dev.hayloft.templates;

import dev.hayloft.templates.Node.Stmt;
import dev.hayloft.templates.Node.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a parsed template's statements for one render: output, {@code if}, {@code for} (with
 * the {@code loop} object, the {@code if} filter, {@code else}, {@code break}/{@code continue}),
 * {@code set} (names, tuples, namespace attributes, blocks), macros and call blocks, filter and
 * {@code with} blocks. Expressions are delegated to {@link Evaluator}. Every error leaves with the
 * position of the innermost statement or expression it happened in.
 *
 * <pre>{@code
 * RenderState st = new RenderState(TemplateEnvironment.jinja2());
 * String text = new Interpreter(st, context).render(body);
 * }</pre>
 */
final class Interpreter {
    /** How a statement list finished. */
    enum Flow { NORMAL, BREAK, CONTINUE }

    private final RenderState state;
    private final Map<String, Object> context;
    private final Map<String, Object> globals;
    private final Evaluator evaluator;
    private Scope root;
    private TemplateReference self;

    Interpreter(RenderState state, Map<String, Object> context) {
        this.state = state;
        this.context = context;
        this.globals = Globals.create(Extensions.globals(state.environment().globals()));
        this.evaluator = new Evaluator(state, this);
        state.attach(this);
    }

    String render(List<Stmt> body) {
        BoundedText out = state.text();
        root = new Scope(null);
        self = new TemplateReference(this, body);
        exec(body, root, out);
        return out.toString();
    }

    /** Renders a {@code {% block %}}: in the template's top-level scope unless it is {@code scoped}. */
    String renderBlock(Node.BlockDef b, Scope scope) {
        if (b.required()) {
            throw TemplateException.runtime("Required block '" + b.name() + "' not found");
        }
        BoundedText text = state.text();
        exec(b.body(), new Scope(b.scoped() ? scope : root), text);
        return text.toString();
    }

    /** Evaluates an expression (macro defaults). */
    Object evaluate(Node.Expr x, Scope scope) {
        return evaluator.eval(x, scope);
    }

    /** A variable: the innermost scope that has it, else the context, else a global, else Undefined. */
    Object resolve(Scope scope, String name) {
        Object v = scope.lookup(name);
        if (v != Scope.MISSING) {
            return v;
        }
        if (context.containsKey(name)) {
            return context.get(name);
        }
        if (globals.containsKey(name)) {
            return globals.get(name);
        }
        if (name.equals("self")) {
            return self;
        }
        return Undefined.named(name);
    }

    Flow exec(List<Stmt> body, Scope scope, BoundedText out) {
        for (Stmt s : body) {
            Flow flow;
            try {
                state.step();
                flow = execOne(s, scope, out);
            } catch (TemplateException e) {
                throw e.at(s.pos().line(), s.pos().column());
            }
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow execOne(Stmt s, Scope scope, BoundedText out) {
        if (s instanceof Node.Text t) {
            out.append(t.text());
        } else if (s instanceof Node.Output o) {
            out.append(PyValues.str(state, evaluator.eval(o.expr(), scope)));
        } else if (s instanceof Node.If i) {
            for (int k = 0; k < i.tests().size(); k++) {
                if (PyValues.truthy(evaluator.eval(i.tests().get(k), scope))) {
                    return exec(i.bodies().get(k), scope, out);
                }
            }
            return exec(i.otherwise(), scope, out);
        } else if (s instanceof Node.For f) {
            return execFor(f, scope, out);
        } else if (s instanceof Node.Set set) {
            assign(set.target(), evaluator.eval(set.value(), scope), scope);
        } else if (s instanceof Node.SetBlock sb) {
            String captured = capture(sb.body(), new Scope(scope));
            Object value = sb.filter() == null ? captured : evaluator.evalFilterChain(sb.filter(), captured, scope);
            assign(sb.target(), value, scope);
        } else if (s instanceof Node.MacroDef m) {
            scope.set(m.name(), new Macro(this, m.name(), m.params(), m.defaults(), m.body(), scope, m.info()));
        } else if (s instanceof Node.CallBlock cb) {
            Macro caller = new Macro(this, "caller", cb.params(), cb.defaults(), cb.body(), scope, cb.info());
            out.append(PyValues.str(state, evaluator.evalCall(cb.call(), scope, caller)));
        } else if (s instanceof Node.FilterBlock fb) {
            String captured = capture(fb.body(), new Scope(scope));
            out.append(PyValues.str(state, evaluator.evalFilterChain(fb.filter(), captured, scope)));
        } else if (s instanceof Node.With w) {
            Scope inner = new Scope(scope);
            for (int k = 0; k < w.targets().size(); k++) {
                assign(w.targets().get(k), evaluator.eval(w.values().get(k), scope), inner);
            }
            return exec(w.body(), inner, out);
        } else if (s instanceof Node.BlockDef b) {
            out.append(renderBlock(b, scope));
        } else if (s instanceof Node.Block b) {
            return exec(b.body(), new Scope(scope), out);
        } else if (s instanceof Node.TagBlock tb) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (int k = 0; k < tb.names().size(); k++) {
                attributes.put(tb.names().get(k), evaluator.eval(tb.values().get(k), scope));
            }
            String body = capture(tb.body(), new Scope(scope));
            out.append(Extensions.renderTag(tb.tag(), attributes, body));
        } else if (s instanceof Node.Now n) {
            Object tz = evaluator.eval(n.timezone(), scope);
            Object offset = n.offset() == null ? null : evaluator.eval(n.offset(), scope);
            Object format = n.format() == null ? null : evaluator.eval(n.format(), scope);
            out.append(Extensions.now(state, tz, n.op(), offset, format == null || format instanceof Undefined
                    ? null : format));
        } else if (s instanceof Node.Load load) {
            Object template = evaluator.eval(load.template(), scope);
            if (load.tag().equals("include") && (template instanceof List<?> l && l.isEmpty()
                    || template instanceof PyTuple t && t.size() == 0)) {
                throw TemplateException.runtime("Tried to select from an empty list of templates.");
            }
            throw TemplateException.runtime("no loader for this environment specified (templates are standalone here:"
                    + " '" + load.tag() + "' cannot load another template)");
        } else if (s instanceof Node.Break) {
            return Flow.BREAK;
        } else if (s instanceof Node.Continue) {
            return Flow.CONTINUE;
        }
        return Flow.NORMAL;
    }

    private Flow execFor(Node.For f, Scope scope, BoundedText out) {
        return runLoop(f, scope, PyValues.iterate(state, evaluator.eval(f.iter(), scope)), out, 0);
    }

    private Flow runLoop(Node.For f, Scope scope, List<Object> all, BoundedText out, int depth) {
        List<Object> items = all;
        if (f.filter() != null) {
            items = new ArrayList<>();
            for (Object item : all) {
                Scope test = new Scope(scope);
                assign(f.target(), item, test);
                if (PyValues.truthy(evaluator.eval(f.filter(), test))) {
                    items.add(item);
                }
            }
        }
        if (items.isEmpty()) {
            return exec(f.otherwise(), scope, out);
        }
        LoopContext.Recursion recurse = !f.recursive() ? null : iterable -> {
            state.enterCall("loop");
            try {
                BoundedText text = state.text();
                runLoop(f, scope, PyValues.iterate(state, iterable), text, depth + 1);
                return text.toString();
            } finally {
                state.exitCall();
            }
        };
        List<Object> changedMemory = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Scope iteration = new Scope(scope);
            assign(f.target(), items.get(i), iteration);
            iteration.set("loop", new LoopContext(items, i, changedMemory, depth, recurse));
            if (exec(f.body(), iteration, out) == Flow.BREAK) {
                break;
            }
        }
        return Flow.NORMAL;
    }

    private String capture(List<Stmt> body, Scope scope) {
        BoundedText text = state.text();
        exec(body, scope, text);
        return text.toString();
    }

    void assign(Target target, Object value, Scope scope) {
        if (target instanceof Node.NameTarget n) {
            scope.set(n.name(), value);
        } else if (target instanceof Node.NsTarget ns) {
            Object holder = resolve(scope, ns.namespace());
            if (!(holder instanceof Namespace namespace)) {
                throw TemplateException.runtime("cannot assign attribute on non-namespace object");
            }
            namespace.set(ns.attribute(), value);
        } else {
            List<Target> parts = ((Node.TupleTarget) target).items();
            if (!PyValues.isIterable(value)) {
                throw TemplateException.runtime("cannot unpack non-iterable " + PyValues.typeName(value) + " object");
            }
            List<Object> values = PyValues.iterate(state, value);
            if (values.size() != parts.size()) {
                throw TemplateException.runtime(values.size() > parts.size()
                        ? "too many values to unpack (expected " + parts.size() + ")"
                        : "not enough values to unpack (expected " + parts.size() + ", got " + values.size() + ")");
            }
            for (int i = 0; i < parts.size(); i++) {
                assign(parts.get(i), values.get(i), scope);
            }
        }
    }
}
