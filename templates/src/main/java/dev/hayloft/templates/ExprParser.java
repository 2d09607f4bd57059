package dev.hayloft.templates;

import dev.hayloft.templates.Node.Expr;
import dev.hayloft.templates.Node.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses Jinja2 expressions with Jinja2's grammar and precedence (lowest first): conditional
 * {@code a if b else c}, {@code or}, {@code and}, {@code not}, comparisons (chained, with
 * {@code in}/{@code not in}), {@code + -}, {@code ~}, {@code * / // %}, {@code **} (left
 * associative, as in Jinja2), unary {@code - +}, then primaries with postfix {@code .name},
 * {@code [key]}, {@code [a:b:c]}, calls, {@code |filter} and {@code is test}.
 *
 * <pre>{@code
 * Expr e = new ExprParser(cursor).parseExpression(true);   // messages|length - 1
 * }</pre>
 */
final class ExprParser {
    private static final Set<String> COMPARE_OPS = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final TokenCursor c;
    private final SuffixParser suffix;

    ExprParser(TokenCursor cursor) {
        this.c = cursor;
        this.suffix = new SuffixParser(cursor, this);
    }

    Expr parseExpression(boolean withCondexpr) {
        c.enter();
        try {
            return withCondexpr ? condexpr() : or();
        } finally {
            c.exit();
        }
    }

    private Expr condexpr() {
        Expr expr = or();
        while (c.atName("if")) {
            Pos pos = Pos.of(c.next());
            Expr test = or();
            Expr otherwise = c.skipName("else") ? parseExpression(true) : null;
            expr = new Node.Cond(pos, test, expr, otherwise);
        }
        return expr;
    }

    private Expr or() {
        Expr left = and();
        while (c.atName("or")) {
            Pos pos = Pos.of(c.next());
            left = new Node.Binary(pos, "or", left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (c.atName("and")) {
            Pos pos = Pos.of(c.next());
            left = new Node.Binary(pos, "and", left, not());
        }
        return left;
    }

    private Expr not() {
        if (c.atName("not")) {
            Pos pos = Pos.of(c.next());
            c.enter();
            try {
                return new Node.Unary(pos, "not", not());
            } finally {
                c.exit();
            }
        }
        return compare();
    }

    private Expr compare() {
        Pos pos = Pos.of(c.current());
        Expr first = math1();
        List<String> ops = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        while (true) {
            Token t = c.current();
            if (t.type() == Token.Type.OP && COMPARE_OPS.contains((String) t.value())) {
                c.next();
                ops.add((String) t.value());
            } else if (c.skipName("in")) {
                ops.add("in");
            } else if (c.atName("not") && c.look().isName("in")) {
                c.next();
                c.next();
                ops.add("notin");
            } else {
                break;
            }
            operands.add(math1());
        }
        return ops.isEmpty() ? first : new Node.Compare(pos, first, ops, operands);
    }

    private Expr math1() {
        Expr left = concat();
        while (c.atOp("+") || c.atOp("-")) {
            Token op = c.next();
            left = new Node.Binary(Pos.of(op), (String) op.value(), left, concat());
        }
        return left;
    }

    private Expr concat() {
        Expr left = math2();
        while (c.atOp("~")) {
            Token op = c.next();
            left = new Node.Binary(Pos.of(op), "~", left, math2());
        }
        return left;
    }

    private Expr math2() {
        Expr left = pow();
        while (c.atOp("*") || c.atOp("/") || c.atOp("//") || c.atOp("%")) {
            Token op = c.next();
            left = new Node.Binary(Pos.of(op), (String) op.value(), left, pow());
        }
        return left;
    }

    private Expr pow() {
        Expr left = unary(true);
        while (c.atOp("**")) {
            Token op = c.next();
            left = new Node.Binary(Pos.of(op), "**", left, unary(true));
        }
        return left;
    }

    private Expr unary(boolean withFilter) {
        Expr node;
        if (c.atOp("-") || c.atOp("+")) {
            Token op = c.next();
            c.enter();
            try {
                node = new Node.Unary(Pos.of(op), (String) op.value(), unary(false));
            } finally {
                c.exit();
            }
        } else {
            node = primary();
        }
        node = postfix(node);
        return withFilter ? filterExpr(node) : node;
    }

    Expr primary() {
        Token t = c.current();
        Pos pos = Pos.of(t);
        switch (t.type()) {
            case NAME -> {
                c.next();
                return switch ((String) t.value()) {
                    case "true", "True" -> new Node.Const(pos, true);
                    case "false", "False" -> new Node.Const(pos, false);
                    case "none", "None" -> new Node.Const(pos, null);
                    default -> new Node.Name(pos, (String) t.value());
                };
            }
            case STRING -> {
                StringBuilder sb = new StringBuilder();
                while (c.current().type() == Token.Type.STRING) {
                    sb.append((String) c.next().value());
                }
                return new Node.Const(pos, sb.toString());
            }
            case INTEGER, FLOAT -> {
                c.next();
                return new Node.Const(pos, t.value());
            }
            case OP -> {
                if (t.isOp("(")) {
                    c.next();
                    Expr inner = tuple(false, true, Set.of(), true);
                    c.expectOp(")");
                    return inner;
                }
                if (t.isOp("[")) {
                    return list();
                }
                if (t.isOp("{")) {
                    return dict();
                }
            }
            default -> {
            }
        }
        throw c.fail("unexpected '" + t.describe() + "'");
    }

    /** Jinja's {@code parse_tuple}: one expression, or a tuple when commas follow. */
    Expr tuple(boolean simplified, boolean withCondexpr, Set<String> extraEnd, boolean explicitParentheses) {
        Pos pos = Pos.of(c.current());
        List<Expr> items = new ArrayList<>();
        boolean isTuple = false;
        c.enter();
        try {
            while (true) {
                if (!items.isEmpty()) {
                    c.expectOp(",");
                }
                if (isTupleEnd(extraEnd)) {
                    break;
                }
                items.add(simplified ? primary() : parseExpression(withCondexpr));
                if (c.atOp(",")) {
                    isTuple = true;
                } else {
                    break;
                }
            }
        } finally {
            c.exit();
        }
        if (!isTuple) {
            if (!items.isEmpty()) {
                return items.get(0);
            }
            if (!explicitParentheses) {
                throw c.fail("Expected an expression, got '" + c.current().describe() + "'");
            }
        }
        return new Node.TupleLit(pos, items);
    }

    private boolean isTupleEnd(Set<String> extraEnd) {
        Token t = c.current();
        // Jinja2 3.1 passes its extra end rules to test_any() as one tuple, so they never match: only
        // the end of the tag or a closing parenthesis ends a tuple ({% for a, in x %} fails as there)
        return t.type() == Token.Type.VAR_END || t.type() == Token.Type.BLOCK_END || t.isOp(")");
    }

    private Expr list() {
        Pos pos = Pos.of(c.expectOp("["));
        List<Expr> items = new ArrayList<>();
        while (!c.atOp("]")) {
            if (!items.isEmpty()) {
                c.expectOp(",");
            }
            if (c.atOp("]")) {
                break;
            }
            items.add(parseExpression(true));
        }
        c.expectOp("]");
        return new Node.ListLit(pos, items);
    }

    private Expr dict() {
        Pos pos = Pos.of(c.expectOp("{"));
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!c.atOp("}")) {
            if (!keys.isEmpty()) {
                c.expectOp(",");
            }
            if (c.atOp("}")) {
                break;
            }
            keys.add(parseExpression(true));
            c.expectOp(":");
            values.add(parseExpression(true));
        }
        c.expectOp("}");
        return new Node.DictLit(pos, keys, values);
    }

    Expr postfix(Expr node) {
        while (true) {
            if (c.atOp(".") || c.atOp("[")) {
                node = suffix.subscript(node);
            } else if (c.atOp("(")) {
                node = suffix.call(node);
            } else {
                return node;
            }
        }
    }

    private Expr filterExpr(Expr node) {
        while (true) {
            if (c.atOp("|")) {
                node = suffix.filter(node, false);
            } else if (c.atName("is")) {
                node = suffix.test(node);
            } else if (c.atOp("(")) {
                node = suffix.call(node);
            } else {
                return node;
            }
        }
    }

    /** {@code |name(args)|name2...}; {@code startInline} when the first {@code |} is already consumed. */
    Expr filter(Expr node, boolean startInline) {
        return suffix.filter(node, startInline);
    }
}
