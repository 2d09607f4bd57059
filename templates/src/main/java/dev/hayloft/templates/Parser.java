package dev.hayloft.templates;

import dev.hayloft.templates.Node.Expr;
import dev.hayloft.templates.Node.Pos;
import dev.hayloft.templates.Node.Stmt;
import dev.hayloft.templates.Node.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Parses a chat template into {@link Node} statements: text, {@code {{ expr }}}, and the tags
 * {@code for} (with {@code if} filter and {@code else}), {@code if/elif/else}, {@code set} (plain,
 * namespace attribute, tuple and block form), {@code macro}, {@code call}, {@code filter},
 * {@code with}, {@code block}, {@code print}, transformers' {@code generation}, and the loop
 * controls {@code break}/{@code continue}. Template loading tags ({@code include},
 * {@code import}, {@code extends}) are rejected: chat templates are standalone.
 *
 * <pre>{@code
 * List<Node.Stmt> body = Parser.parse("{% for m in messages %}{{ m.content }}{% endfor %}", 200);
 * }</pre>
 */
final class Parser {
    private final TokenCursor c;
    private final ExprParser e;
    private final Deque<String> openBlocks = new ArrayDeque<>();
    private final Deque<List<String>> endTokenStack = new ArrayDeque<>();
    private final java.util.Set<String> blockNames = new java.util.HashSet<>();
    private int loopDepth;

    private Parser(TokenCursor cursor) {
        this.c = cursor;
        this.e = new ExprParser(cursor);
    }

    /** The statement names the parser knows itself; {@link TemplateTag}s must not reuse them. */
    static final Set<String> BUILTIN_TAGS = Set.of("for", "if", "set", "macro", "call", "filter", "with", "print",
            "generation", "block", "break", "continue", "include", "import", "from", "extends", "now", "raw",
            "autoescape", "trans", "do", "elif", "else");

    static List<Stmt> parse(String source, TemplateEnvironment env) {
        Parser p = new Parser(new TokenCursor(Lexer.tokenize(source, env), env));
        return p.subparse(List.of());
    }

    private List<Stmt> subparse(List<String> endTokens) {
        List<Stmt> body = new ArrayList<>();
        while (c.current().type() != Token.Type.EOF) {
            Token t = c.current();
            switch (t.type()) {
                case DATA -> {
                    c.next();
                    body.add(new Node.Text(Pos.of(t), (String) t.value()));
                }
                case VAR_BEGIN -> {
                    c.next();
                    Expr x = e.tuple(false, true, Set.of(), false);
                    c.expect(Token.Type.VAR_END);
                    body.add(new Node.Output(Pos.of(t), x));
                }
                case BLOCK_BEGIN -> {
                    c.next();
                    if (c.current().type() == Token.Type.NAME && endTokens.contains((String) c.current().value())) {
                        return body;
                    }
                    body.add(statement());
                    c.expect(Token.Type.BLOCK_END);
                }
                default -> throw c.fail("internal parser error: unexpected " + t.describe());
            }
        }
        if (!endTokens.isEmpty()) {
            throw c.fail(unexpectedTag(null));
        }
        return body;
    }

    /** Jinja's message for an unknown tag ({@code name}) or the end of the template ({@code null}). */
    private String unexpectedTag(String name) {
        StringBuilder message = new StringBuilder(name == null ? "Unexpected end of template."
                : "Encountered unknown tag '" + name + "'.");
        if (!endTokenStack.isEmpty()) {
            String looking = "'" + String.join("' or '", endTokenStack.peek()) + "'";
            boolean expected = name != null && endTokenStack.stream().anyMatch(tokens -> tokens.contains(name));
            message.append(name != null && expected
                    ? " You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for "
                            + looking + "."
                    : " Jinja was looking for the following tags: " + looking + ".");
        }
        if (!openBlocks.isEmpty()) {
            message.append(" The innermost block that needs to be closed is '").append(openBlocks.peek()).append("'.");
        }
        return message.toString();
    }

    private Stmt statement() {
        Token t = c.current();
        if (t.type() != Token.Type.NAME) {
            throw c.fail("tag name expected");
        }
        String tag = (String) t.value();
        c.enter();
        openBlocks.push(tag);
        try {
            return switch (tag) {
                case "for" -> parseFor();
                case "if" -> parseIf();
                case "set" -> parseSet();
                case "macro" -> parseMacro();
                case "call" -> parseCallBlock();
                case "filter" -> parseFilterBlock();
                case "with" -> parseWith();
                case "print" -> parsePrint();
                case "generation" -> {
                    if (!env().has(TemplateEnvironment.Extension.GENERATION)) {
                        throw c.fail(unknownTag(tag));
                    }
                    yield new Node.Block(Pos.of(c.next()), statements(List.of("endgeneration"), true));
                }
                case "now" -> {
                    if (!env().has(TemplateEnvironment.Extension.NOW)) {
                        throw c.fail(unknownTag(tag));
                    }
                    yield parseNow();
                }
                case "block" -> parseBlock();
                case "break", "continue" -> {
                    if (!env().has(TemplateEnvironment.Extension.LOOP_CONTROLS)) {
                        throw c.fail(unknownTag(tag));
                    }
                    if (loopDepth == 0) {
                        throw c.fail(tag.equals("break") ? "'break' outside loop" : "'continue' not properly in loop");
                    }
                    c.next();
                    yield tag.equals("break") ? new Node.Break(Pos.of(t)) : new Node.Continue(Pos.of(t));
                }
                case "include", "import", "from", "extends" -> parseLoad(tag);
                default -> {
                    TemplateTag custom = env().tags().get(tag);
                    if (custom == null) {
                        throw c.fail(unknownTag(tag));
                    }
                    yield parseTag(custom);
                }
            };
        } finally {
            openBlocks.pop();
            c.exit();
        }
    }

    private String unknownTag(String tag) {
        openBlocks.pop();
        try {
            return unexpectedTag(tag);
        } finally {
            openBlocks.push(tag);
        }
    }

    /** {@code :}? {@code %}} body up to one of {@code endTokens}; consumes the end name when {@code drop}. */
    private List<Stmt> statements(List<String> endTokens, boolean drop) {
        c.skipOp(":");
        c.expect(Token.Type.BLOCK_END);
        endTokenStack.push(endTokens);
        List<Stmt> body;
        try {
            body = subparse(endTokens);
        } finally {
            endTokenStack.pop();
        }
        if (drop) {
            c.next();
        }
        return body;
    }

    private Stmt parsePrint() {
        Pos pos = Pos.of(c.next());
        List<Stmt> outputs = new ArrayList<>();
        while (c.current().type() != Token.Type.BLOCK_END) {
            if (!outputs.isEmpty()) {
                c.expectOp(",");
            }
            Token at = c.current();
            outputs.add(new Node.Output(Pos.of(at), e.parseExpression(true)));
        }
        return new Node.Block(pos, outputs);
    }

    private Stmt parseFor() {
        Pos pos = Pos.of(c.next());
        Target target = assignTarget(Set.of("in"), false);
        c.expectName("in");
        Expr iter = e.tuple(false, false, Set.of("recursive"), false);
        Expr filter = c.skipName("if") ? e.parseExpression(true) : null;
        boolean recursive = c.skipName("recursive");
        loopDepth++;
        List<Stmt> body;
        try {
            body = statements(List.of("endfor", "else"), false);
        } finally {
            loopDepth--;
        }
        List<Stmt> otherwise = List.of();
        if (c.next().isName("else")) {
            otherwise = statements(List.of("endfor"), true);
        }
        return new Node.For(pos, target, iter, filter, recursive, body, otherwise);
    }

    private Stmt parseIf() {
        c.guard(1);
        try {
            return parseIfBody();
        } finally {
            c.guard(-1);
        }
    }

    private Stmt parseIfBody() {
        Pos pos = Pos.of(c.next());
        List<Expr> tests = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        List<Stmt> otherwise = List.of();
        tests.add(e.tuple(false, false, Set.of(), false));
        bodies.add(statements(List.of("elif", "else", "endif"), false));
        while (true) {
            Token t = c.next();
            if (t.isName("elif")) {
                tests.add(e.tuple(false, false, Set.of(), false));
                bodies.add(statements(List.of("elif", "else", "endif"), false));
            } else {
                if (t.isName("else")) {
                    otherwise = statements(List.of("endif"), true);
                }
                return new Node.If(pos, tests, bodies, otherwise);
            }
        }
    }

    private Stmt parseSet() {
        Pos pos = Pos.of(c.next());
        Target target = assignTarget(Set.of(), true);
        if (c.skipOp("=")) {
            return new Node.Set(pos, target, e.tuple(false, true, Set.of(), false));
        }
        Expr filter = e.filter(null, false);
        return new Node.SetBlock(pos, target, filter, statements(List.of("endset"), true));
    }

    private Target assignTarget(Set<String> extraEnd, boolean withNamespace) {
        Token start = c.current();
        if (withNamespace && start.type() == Token.Type.NAME && c.look().isOp(".")) {
            c.next();
            c.next();
            return new Node.NsTarget((String) start.value(), (String) c.expect(Token.Type.NAME).value());
        }
        return toTarget(e.tuple(true, true, extraEnd, false), start);
    }

    private Target toTarget(Expr x, Token at) {
        if (x instanceof Node.Name n) {
            return new Node.NameTarget(n.name());
        }
        if (x instanceof Node.TupleLit t) {
            List<Target> items = new ArrayList<>();
            for (Expr item : t.items()) {
                items.add(toTarget(item, at));
            }
            return new Node.TupleTarget(items);
        }
        String kind = x instanceof Node.Const ? "const" : x.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        throw c.fail("can't assign to '" + kind + "'", at);
    }

    private String name() {
        return (String) c.expect(Token.Type.NAME).value();
    }

    private Stmt parseMacro() {
        Pos pos = Pos.of(c.next());
        String name = name();
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        signature(params, defaults);
        List<Stmt> body = statements(List.of("endmacro"), true);
        return new Node.MacroDef(pos, name, params, defaults, body, macroInfo(pos, params, defaults, body));
    }

    private void signature(List<String> params, List<Expr> defaults) {
        c.expectOp("(");
        while (!c.atOp(")")) {
            if (!params.isEmpty()) {
                c.expectOp(",");
            }
            params.add(name());
            if (c.skipOp("=")) {
                defaults.add(e.parseExpression(true));
            } else if (defaults.stream().anyMatch(d -> d != null)) {
                throw c.fail("non-default argument follows default argument");
            } else {
                defaults.add(null);
            }
        }
        c.expectOp(")");
    }

    private Stmt parseCallBlock() {
        Pos pos = Pos.of(c.next());
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        if (c.atOp("(")) {
            signature(params, defaults);
        }
        Token at = c.current();
        Expr call = e.parseExpression(true);
        if (!(call instanceof Node.Call callNode)) {
            throw c.fail("expected call", at);
        }
        List<Stmt> body = statements(List.of("endcall"), true);
        return new Node.CallBlock(pos, callNode, params, defaults, body, macroInfo(pos, params, defaults, body));
    }

    /** What the body reads; a {@code caller} parameter without a default is refused when the body calls {@code caller}. */
    private Node.MacroInfo macroInfo(Pos pos, List<String> params, List<Expr> defaults, List<Stmt> body) {
        Node.MacroInfo info = Variables.macroInfo(body);
        int explicit = params.indexOf("caller");
        if (info.caller() && explicit >= 0 && defaults.get(explicit) == null) {
            throw TemplateException.syntax("When defining macros or call blocks the special \"caller\" argument must be"
                    + " omitted or be given a default.", pos.line(), pos.column());
        }
        boolean kwargsParam = params.contains("kwargs");
        boolean varargsParam = params.contains("varargs");
        return new Node.MacroInfo(info.catchKwargs() && !kwargsParam, info.catchVarargs() && !varargsParam,
                info.caller());
    }

    private Stmt parseFilterBlock() {
        Pos pos = Pos.of(c.next());
        Expr filter = e.filter(null, true);
        return new Node.FilterBlock(pos, filter, statements(List.of("endfilter"), true));
    }

    private Stmt parseWith() {
        Pos pos = Pos.of(c.next());
        List<Target> targets = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (c.current().type() != Token.Type.BLOCK_END) {
            if (!targets.isEmpty()) {
                c.expectOp(",");
            }
            Token at = c.current();
            targets.add(toTarget(e.primary(), at));
            c.expectOp("=");
            values.add(e.parseExpression(true));
        }
        return new Node.With(pos, targets, values, statements(List.of("endwith"), true));
    }

    private Stmt parseBlock() {
        Pos pos = Pos.of(c.next());
        Token at = c.current();
        String blockName = name();
        if (!blockNames.add(blockName)) {
            throw c.fail("block '" + blockName + "' defined twice", at);
        }
        boolean scoped = c.skipName("scoped");
        boolean required = c.skipName("required");
        List<Stmt> body = statements(List.of("endblock"), true);
        if (required && body.stream().anyMatch(s -> !(s instanceof Node.Text t && t.text().isBlank()))) {
            throw TemplateException.syntax("Required blocks can only contain comments or whitespace", pos.line(), pos.column());
        }
        c.skipName(blockName);
        return new Node.BlockDef(pos, blockName, scoped, required, body);
    }

    /** {@code include}/{@code import}/{@code from}/{@code extends} with Jinja2's grammar. */
    private Stmt parseLoad(String tag) {
        Pos pos = Pos.of(c.next());
        Expr template = e.parseExpression(true);
        List<String> names = new ArrayList<>();
        switch (tag) {
            case "include" -> {
                if (c.atName("ignore") && c.look().isName("missing")) {
                    c.next();
                    c.next();
                }
                parseContext();
            }
            case "import" -> {
                c.expectName("as");
                names.add(name());
                parseContext();
            }
            case "from" -> {
                c.expectName("import");
                while (true) {
                    if (!names.isEmpty()) {
                        c.expectOp(",");
                    }
                    if (c.current().type() != Token.Type.NAME) {
                        c.expect(Token.Type.NAME);
                    }
                    if (parseContext()) {
                        break;
                    }
                    Token at = c.current();
                    String imported = name();
                    if (imported.startsWith("_")) {
                        throw c.fail("names starting with an underline can not be imported", at);
                    }
                    names.add(c.skipName("as") ? name() : imported);
                    if (parseContext() || !c.atOp(",")) {
                        break;
                    }
                }
            }
            default -> {
            }
        }
        return new Node.Load(pos, tag, template, names);
    }

    private boolean parseContext() {
        if ((c.atName("with") || c.atName("without")) && c.look().isName("context")) {
            c.next();
            c.next();
            return true;
        }
        return false;
    }

    private TemplateEnvironment env() {
        return c.environment();
    }

    /** Haystack's {@code now}: an expression (split at a top-level {@code +}/{@code -}), then an optional format. */
    private Stmt parseNow() {
        Pos pos = Pos.of(c.next());
        Expr node = e.parseExpression(true);
        Expr format = null;
        if (c.skipOp(",")) {
            format = e.parseExpression(true);
        }
        if (node instanceof Node.Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            return new Node.Now(pos, b.left(), b.op(), b.right(), format);
        }
        return new Node.Now(pos, node, null, null, format);
    }

    /** A {@link TemplateTag}: {@code name=expr} attributes (commas optional), then the body up to its end tag. */
    private Stmt parseTag(TemplateTag tag) {
        Pos pos = Pos.of(c.next());
        List<String> names = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (c.current().type() != Token.Type.BLOCK_END) {
            Token at = c.expect(Token.Type.NAME);
            String attr = (String) at.value();
            if (!tag.attributes().contains(attr)) {
                throw c.fail("the '" + tag.name() + "' tag has no attribute '" + attr + "' (it takes "
                        + String.join(", ", tag.attributes()) + ")", at);
            }
            if (names.contains(attr)) {
                throw c.fail("attribute '" + attr + "' given twice", at);
            }
            c.expectOp("=");
            names.add(attr);
            values.add(e.parseExpression(true));
            c.skipOp(",");
        }
        return new Node.TagBlock(pos, tag, names, values, statements(List.of(tag.endName()), true));
    }
}
