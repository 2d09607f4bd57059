package dev.hayloft.templates;

import dev.hayloft.templates.Node.Expr;
import dev.hayloft.templates.Node.Keyword;
import dev.hayloft.templates.Node.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The suffixes {@link ExprParser} hands over: {@code .name}, {@code .0}, {@code [key]},
 * {@code [start:stop:step]}, call arguments (positional, keyword, {@code *args},
 * {@code **kwargs}), {@code |filter(args)} chains and {@code is [not] test arg}. Unknown filter and
 * test names fail here, unless inside an {@code if} block (where Jinja2 also defers the error to
 * render time).
 *
 * <pre>{@code
 * Expr e = suffix.filter(valueExpr, false);   // parses "|map(attribute='name')|join(', ')"
 * }</pre>
 */
final class SuffixParser {
    private static final Set<String> TEST_ARG_START = Set.of("(", "[", "{");

    /** Parsed call arguments. */
    record CallArgs(List<Expr> args, List<Keyword> kwargs, Expr starArgs, Expr starKwargs) {
    }

    private final TokenCursor c;
    private final ExprParser e;

    SuffixParser(TokenCursor cursor, ExprParser expressions) {
        this.c = cursor;
        this.e = expressions;
    }

    Expr subscript(Expr node) {
        Token t = c.next();
        Pos pos = Pos.of(t);
        if (t.isOp(".")) {
            Token attr = c.next();
            if (attr.type() == Token.Type.NAME) {
                return new Node.GetAttr(pos, node, (String) attr.value());
            }
            if (attr.type() != Token.Type.INTEGER) {
                throw c.fail("expected name or number", attr);
            }
            return new Node.GetItem(pos, node, new Node.Const(Pos.of(attr), attr.value()));
        }
        List<Expr> args = new ArrayList<>();
        while (!c.atOp("]")) {
            if (!args.isEmpty()) {
                c.expectOp(",");
            }
            args.add(subscribed());
        }
        c.expectOp("]");
        return new Node.GetItem(pos, node, args.size() == 1 ? args.get(0) : new Node.TupleLit(pos, args));
    }

    private Expr subscribed() {
        Pos pos = Pos.of(c.current());
        Expr start = null;
        if (c.atOp(":")) {
            c.next();
        } else {
            Expr first = e.parseExpression(true);
            if (!c.atOp(":")) {
                return first;
            }
            c.next();
            start = first;
        }
        Expr stop = null;
        if (!c.atOp(":") && !c.atOp("]") && !c.atOp(",")) {
            stop = e.parseExpression(true);
        }
        Expr step = null;
        if (c.atOp(":")) {
            c.next();
            if (!c.atOp("]") && !c.atOp(",")) {
                step = e.parseExpression(true);
            }
        }
        return new Node.SliceExpr(pos, start, stop, step);
    }

    Expr call(Expr node) {
        Pos pos = Pos.of(c.current());
        CallArgs a = callArgs();
        return new Node.Call(pos, node, a.args(), a.kwargs(), a.starArgs(), a.starKwargs());
    }

    CallArgs callArgs() {
        Token open = c.expectOp("(");
        List<Expr> args = new ArrayList<>();
        List<Keyword> kwargs = new ArrayList<>();
        Expr starArgs = null;
        Expr starKwargs = null;
        boolean requireComma = false;
        while (!c.atOp(")")) {
            if (requireComma) {
                c.expectOp(",");
                if (c.atOp(")")) {
                    break;
                }
            }
            if (c.atOp("*")) {
                ensure(starArgs == null && starKwargs == null, open);
                c.next();
                starArgs = e.parseExpression(true);
            } else if (c.atOp("**")) {
                ensure(starKwargs == null, open);
                c.next();
                starKwargs = e.parseExpression(true);
            } else if (c.current().type() == Token.Type.NAME && c.look().isOp("=")) {
                ensure(starKwargs == null, open);
                String key = (String) c.next().value();
                c.next();
                kwargs.add(new Keyword(key, e.parseExpression(true)));
            } else {
                ensure(starArgs == null && starKwargs == null && kwargs.isEmpty(), open);
                args.add(e.parseExpression(true));
            }
            requireComma = true;
        }
        c.expectOp(")");
        return new CallArgs(args, kwargs, starArgs, starKwargs);
    }

    private void ensure(boolean ok, Token at) {
        if (!ok) {
            throw c.fail("invalid syntax for function call expression", at);
        }
    }

    /** {@code |name(args)|name2...}; {@code startInline} when the first {@code |} is already consumed. */
    Expr filter(Expr node, boolean startInline) {
        while (c.atOp("|") || startInline) {
            if (!startInline) {
                c.next();
            }
            Token name = c.expect(Token.Type.NAME);
            StringBuilder full = new StringBuilder((String) name.value());
            while (c.atOp(".")) {
                c.next();
                full.append('.').append((String) c.expect(Token.Type.NAME).value());
            }
            if (!c.guarded() && !Filters.NAMES.contains(full.toString())
                    && !c.environment().filters().containsKey(full.toString())) {
                throw c.fail("No filter named '" + full + "'.", name);
            }
            CallArgs a = c.atOp("(") ? callArgs() : new CallArgs(List.of(), List.of(), null, null);
            node = new Node.Filter(Pos.of(name), node, full.toString(), a.args(), a.kwargs(), a.starArgs(), a.starKwargs());
            startInline = false;
        }
        return node;
    }

    Expr test(Expr node) {
        Pos pos = Pos.of(c.next());
        boolean negated = c.skipName("not");
        Token nameToken = c.expect(Token.Type.NAME);
        StringBuilder name = new StringBuilder((String) nameToken.value());
        while (c.atOp(".")) {
            c.next();
            name.append('.').append((String) c.expect(Token.Type.NAME).value());
        }
        if (!c.guarded() && !JinjaTests.NAMES.contains(name.toString())) {
            throw c.fail("No test named '" + name + "'.", nameToken);
        }
        CallArgs a = new CallArgs(List.of(), List.of(), null, null);
        Token t = c.current();
        if (t.isOp("(")) {
            a = callArgs();
        } else if ((t.type() == Token.Type.NAME || t.type() == Token.Type.STRING || t.type() == Token.Type.INTEGER
                || t.type() == Token.Type.FLOAT || (t.type() == Token.Type.OP && TEST_ARG_START.contains((String) t.value())))
                && !t.isName("else") && !t.isName("or") && !t.isName("and")) {
            if (t.isName("is")) {
                throw c.fail("You cannot chain multiple tests with is");
            }
            a = new CallArgs(List.of(e.postfix(e.primary())), List.of(), null, null);
        }
        Expr test = new Node.Test(pos, node, name.toString(), a.args(), a.kwargs(), a.starArgs(), a.starKwargs());
        return negated ? new Node.Unary(pos, "not", test) : test;
    }
}
