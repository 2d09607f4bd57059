package dev.hayloft.templates;

import dev.hayloft.templates.Node.Expr;
import dev.hayloft.templates.Node.Stmt;
import dev.hayloft.templates.Node.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Jinja2's {@code meta.find_undeclared_variables}: the names a template reads from its context,
 * in order of first use. A name counts as declared after a {@code set}, inside a {@code for}
 * body (its targets and {@code loop}), a macro (its parameters, {@code caller}, {@code varargs},
 * {@code kwargs}) or a {@code with} block; assignments inside a branch of an {@code if} declare
 * the name after the {@code if} only when every branch assigns it. Globals of the environment
 * ({@code range}, {@code namespace}, ...) and {@code self} are never undeclared.
 *
 * <pre>{@code
 * Variables.undeclared(Parser.parse("{{ a }}{% set b = 1 %}{{ b }}", env), env)   // [a]
 * }</pre>
 */
final class Variables {
    private final Set<String> found = new LinkedHashSet<>();
    private final Set<String> globals;
    /** In {@link #reads} mode: the names still looked for (a store before any load drops one); else null. */
    private final Set<String> wanted;

    private Variables(TemplateEnvironment env) {
        this.globals = new HashSet<>(Globals.create(env.globals()).keySet());
        globals.add("self");
        this.wanted = null;
    }

    private Variables(Set<String> wanted) {
        this.globals = Set.of();
        this.wanted = new HashSet<>(wanted);
    }

    /**
     * Jinja2's {@code find_undeclared(body, ("caller", "kwargs", "varargs"))} for a macro or call
     * block: which of these names the body reads (in source order, a name assigned before it is
     * read does not count), which decides the extra arguments the macro takes.
     */
    static Node.MacroInfo macroInfo(List<Stmt> body) {
        Variables v = new Variables(Set.of("caller", "kwargs", "varargs"));
        v.stmts(body, new HashSet<>());
        return new Node.MacroInfo(v.found.contains("kwargs"), v.found.contains("varargs"), v.found.contains("caller"));
    }

    static List<String> undeclared(List<Stmt> body, TemplateEnvironment env) {
        Variables v = new Variables(env);
        v.stmts(body, new HashSet<>());
        return List.copyOf(v.found);
    }

    /** Visits {@code body} with {@code declared} (mutated: what the statements declare). */
    private void stmts(List<Stmt> body, Set<String> declared) {
        for (Stmt s : body) {
            stmt(s, declared);
        }
    }

    private Set<String> child(Set<String> declared) {
        return new HashSet<>(declared);
    }

    private void stmt(Stmt s, Set<String> d) {
        if (s instanceof Node.Output o) {
            expr(o.expr(), d);
        } else if (s instanceof Node.If i) {
            Set<String> common = null;
            for (int k = 0; k < i.tests().size(); k++) {
                expr(i.tests().get(k), d);
                Set<String> branch = child(d);
                stmts(i.bodies().get(k), branch);
                common = intersect(common, branch);
            }
            Set<String> otherwise = child(d);
            stmts(i.otherwise(), otherwise);
            if (!i.otherwise().isEmpty()) {
                d.addAll(intersect(common, otherwise));
            }
        } else if (s instanceof Node.For f) {
            expr(f.iter(), d);
            Set<String> inner = child(d);
            target(f.target(), inner);
            inner.add("loop");
            if (f.filter() != null) {
                expr(f.filter(), inner);
            }
            stmts(f.body(), inner);
            stmts(f.otherwise(), child(d));
        } else if (s instanceof Node.Set set) {
            expr(set.value(), d);
            if (set.target() instanceof Node.NsTarget ns) {
                name(ns.namespace(), d);
            } else {
                target(set.target(), d);
            }
        } else if (s instanceof Node.SetBlock sb) {
            stmts(sb.body(), child(d));
            if (sb.filter() != null) {
                expr(sb.filter(), d);
            }
            target(sb.target(), d);
        } else if (s instanceof Node.MacroDef m) {
            if (wanted != null) {
                wanted.removeAll(m.params());
            }
            for (Expr x : m.defaults()) {
                expr(x, d);
            }
            Set<String> inner = child(d);
            inner.addAll(m.params());
            inner.addAll(List.of("caller", "varargs", "kwargs", m.name()));
            stmts(m.body(), inner);
            d.add(m.name());
        } else if (s instanceof Node.CallBlock cb) {
            if (wanted != null) {
                wanted.removeAll(cb.params());
            }
            expr(cb.call(), d);
            Set<String> inner = child(d);
            inner.addAll(cb.params());
            inner.addAll(List.of("caller", "varargs", "kwargs"));
            stmts(cb.body(), inner);
        } else if (s instanceof Node.FilterBlock fb) {
            stmts(fb.body(), child(d));
            expr(fb.filter(), d);
        } else if (s instanceof Node.With w) {
            Set<String> inner = child(d);
            for (int k = 0; k < w.targets().size(); k++) {
                expr(w.values().get(k), d);
                target(w.targets().get(k), inner);
            }
            stmts(w.body(), inner);
        } else if (s instanceof Node.BlockDef b) {
            stmts(b.body(), child(d));
        } else if (s instanceof Node.Block b) {
            stmts(b.body(), child(d));
        } else if (s instanceof Node.TagBlock tb) {
            for (Expr x : tb.values()) {
                expr(x, d);
            }
            stmts(tb.body(), child(d));
        } else if (s instanceof Node.Load load) {
            expr(load.template(), d);
            d.addAll(load.names());
        } else if (s instanceof Node.Now n) {
            expr(n.timezone(), d);
            expr(n.offset(), d);
            expr(n.format(), d);
        }
    }

    private static Set<String> intersect(Set<String> acc, Set<String> branch) {
        if (acc == null) {
            return new HashSet<>(branch);
        }
        acc.retainAll(branch);
        return acc;
    }

    private void target(Target t, Set<String> d) {
        if (t instanceof Node.NameTarget n) {
            if (wanted != null) {
                wanted.remove(n.name());
            }
            d.add(n.name());
        } else if (t instanceof Node.TupleTarget tt) {
            for (Target x : tt.items()) {
                target(x, d);
            }
        }
    }

    private void name(String name, Set<String> d) {
        if (wanted != null) {
            if (wanted.contains(name)) {
                found.add(name);
            }
            return;
        }
        if (!d.contains(name) && !globals.contains(name)) {
            found.add(name);
        }
    }

    private void exprs(List<Expr> xs, Set<String> d) {
        for (Expr x : xs) {
            expr(x, d);
        }
    }

    private void keywords(List<Node.Keyword> kws, Set<String> d) {
        for (Node.Keyword k : kws) {
            expr(k.value(), d);
        }
    }

    private void expr(Expr x, Set<String> d) {
        if (x == null || x instanceof Node.Const) {
            return;
        }
        if (x instanceof Node.Name n) {
            name(n.name(), d);
        } else if (x instanceof Node.GetAttr g) {
            expr(g.target(), d);
        } else if (x instanceof Node.GetItem g) {
            expr(g.target(), d);
            expr(g.key(), d);
        } else if (x instanceof Node.SliceExpr sl) {
            expr(sl.start(), d);
            expr(sl.stop(), d);
            expr(sl.step(), d);
        } else if (x instanceof Node.Call c) {
            expr(c.callee(), d);
            exprs(c.args(), d);
            keywords(c.kwargs(), d);
            expr(c.starArgs(), d);
            expr(c.starKwargs(), d);
        } else if (x instanceof Node.Filter f) {
            expr(f.value(), d);
            exprs(f.args(), d);
            keywords(f.kwargs(), d);
            expr(f.starArgs(), d);
            expr(f.starKwargs(), d);
        } else if (x instanceof Node.Test t) {
            expr(t.value(), d);
            exprs(t.args(), d);
            keywords(t.kwargs(), d);
            expr(t.starArgs(), d);
            expr(t.starKwargs(), d);
        } else if (x instanceof Node.Unary u) {
            expr(u.operand(), d);
        } else if (x instanceof Node.Binary b) {
            expr(b.left(), d);
            expr(b.right(), d);
        } else if (x instanceof Node.Compare c) {
            expr(c.first(), d);
            exprs(c.operands(), d);
        } else if (x instanceof Node.Cond c) {
            expr(c.test(), d);
            expr(c.then(), d);
            expr(c.otherwise(), d);
        } else if (x instanceof Node.ListLit l) {
            exprs(l.items(), d);
        } else if (x instanceof Node.TupleLit t) {
            exprs(t.items(), d);
        } else if (x instanceof Node.DictLit dl) {
            exprs(dl.keys(), d);
            exprs(dl.values(), d);
        }
    }

    @Override
    public String toString() {
        return "Variables" + new ArrayList<>(found);
    }
}
