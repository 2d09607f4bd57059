package dev.hayloft.templates;

import java.util.List;

/**
 * A cursor over the token list for the parsers, with Jinja-style {@code expect}/{@code skipIf}
 * helpers, syntax errors that carry the token's position, and a nesting counter that keeps a
 * deeply nested template from overflowing the stack.
 *
 * <pre>{@code
 * TokenCursor c = new TokenCursor(Lexer.tokenize(src, env), env);
 * Token name = c.expect(Token.Type.NAME);
 * }</pre>
 */
final class TokenCursor {
    private final List<Token> tokens;
    private final int maxNesting;
    private final TemplateEnvironment environment;
    private int index;
    private int nesting;
    private int guarded;

    TokenCursor(List<Token> tokens, TemplateEnvironment environment) {
        this.tokens = tokens;
        this.maxNesting = environment.limits().maxNesting();
        this.environment = environment;
    }

    /** The environment being compiled for (extensions, extra filters and tags). */
    TemplateEnvironment environment() {
        return environment;
    }

    Token current() {
        return tokens.get(index);
    }

    Token look() {
        return tokens.get(Math.min(index + 1, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }

    boolean atOp(String op) {
        return current().isOp(op);
    }

    boolean atName(String name) {
        return current().isName(name);
    }

    boolean skipOp(String op) {
        if (atOp(op)) {
            next();
            return true;
        }
        return false;
    }

    boolean skipName(String name) {
        if (atName(name)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Token.Type type) {
        if (current().type() != type) {
            throw expected(describe(type));
        }
        return next();
    }

    Token expectOp(String op) {
        if (!atOp(op)) {
            throw expected(op);
        }
        return next();
    }

    Token expectName(String name) {
        if (!atName(name)) {
            throw expected(name);
        }
        return next();
    }

    /** Jinja2's {@code TokenStream.expect} failure. */
    private TemplateException expected(String what) {
        return current().type() == Token.Type.EOF ? fail("unexpected end of template, expected '" + what + "'.")
                : fail("expected token '" + what + "', got '" + current().describe() + "'");
    }

    TemplateException fail(String message) {
        return fail(message, current());
    }

    TemplateException fail(String message, Token at) {
        return TemplateException.syntax(message, at.line(), at.column());
    }

    void enter() {
        if (++nesting > maxNesting) {
            throw fail("the template nests deeper than " + maxNesting + " levels");
        }
    }

    void exit() {
        nesting--;
    }

    /** Enters ({@code +1}) or leaves ({@code -1}) an {@code if} block: unknown filters there fail only when run. */
    void guard(int delta) {
        guarded += delta;
    }

    boolean guarded() {
        return guarded > 0;
    }

    private static String describe(Token.Type type) {
        return switch (type) {
            case NAME -> "name";
            case VAR_END -> "end of print statement";
            case BLOCK_END -> "end of statement block";
            case STRING -> "string";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
