package dev.hayloft.templates;

import java.util.List;

/**
 * The immutable syntax tree of a parsed chat template: statements ({@link Stmt}), expressions
 * ({@link Expr}) and assignment targets ({@link Target}), each carrying its source position.
 * Built once by {@link Parser}; evaluated any number of times, from any thread, by
 * {@link Interpreter}.
 *
 * <pre>{@code
 * // {{ name|upper }}
 * new Node.Output(pos, new Node.Filter(pos, new Node.Name(pos, "name"), "upper", List.of(), List.of(), null, null));
 * }</pre>
 */
final class Node {
    private Node() {
    }

    /**
     * A 1-based source position.
     *
     * @param line   line
     * @param column column
     */
    record Pos(int line, int column) {
        static Pos of(Token t) {
            return new Pos(t.line(), t.column());
        }
    }

    /** Anything with a position. */
    interface Positioned {
        Pos pos();
    }

    /** An expression. */
    sealed interface Expr extends Positioned permits Const, Name, GetAttr, GetItem, SliceExpr, Call, Filter, Test,
            Unary, Binary, Compare, Cond, ListLit, TupleLit, DictLit {
    }

    /** A statement. */
    sealed interface Stmt extends Positioned permits Text, Output, If, For, Set, SetBlock, MacroDef, CallBlock,
            FilterBlock, With, Block, BlockDef, Break, Continue, TagBlock, Now, Load {
    }

    /** Where {@code set}, {@code for} and {@code with} store values. */
    sealed interface Target permits NameTarget, NsTarget, TupleTarget {
    }

    /** {@code name}. @param name the variable */
    record NameTarget(String name) implements Target {
    }

    /** {@code ns.attr}. @param namespace the namespace variable @param attribute the attribute */
    record NsTarget(String namespace, String attribute) implements Target {
    }

    /** {@code a, b}. @param items the parts */
    record TupleTarget(List<Target> items) implements Target {
    }

    /** A keyword argument. @param name the keyword @param value its expression */
    record Keyword(String name, Expr value) {
    }

    // ---- expressions -------------------------------------------------------------------------

    record Const(Pos pos, Object value) implements Expr {
    }

    record Name(Pos pos, String name) implements Expr {
    }

    record GetAttr(Pos pos, Expr target, String name) implements Expr {
    }

    record GetItem(Pos pos, Expr target, Expr key) implements Expr {
    }

    record SliceExpr(Pos pos, Expr start, Expr stop, Expr step) implements Expr {
    }

    record Call(Pos pos, Expr callee, List<Expr> args, List<Keyword> kwargs, Expr starArgs, Expr starKwargs)
            implements Expr {
    }

    /** {@code value|name(args)}; {@code value} is null for the filters of filter and set blocks. */
    record Filter(Pos pos, Expr value, String name, List<Expr> args, List<Keyword> kwargs, Expr starArgs,
                  Expr starKwargs) implements Expr {
    }

    record Test(Pos pos, Expr value, String name, List<Expr> args, List<Keyword> kwargs, Expr starArgs,
                Expr starKwargs) implements Expr {
    }

    /** {@code -x}, {@code +x}, {@code not x}. */
    record Unary(Pos pos, String op, Expr operand) implements Expr {
    }

    /** Arithmetic, {@code ~}, {@code and}, {@code or}. */
    record Binary(Pos pos, String op, Expr left, Expr right) implements Expr {
    }

    /** A (possibly chained) comparison; ops are {@code == != < <= > >= in notin}. */
    record Compare(Pos pos, Expr first, List<String> ops, List<Expr> operands) implements Expr {
    }

    /** {@code then if test else otherwise}; {@code otherwise} may be null. */
    record Cond(Pos pos, Expr test, Expr then, Expr otherwise) implements Expr {
    }

    record ListLit(Pos pos, List<Expr> items) implements Expr {
    }

    record TupleLit(Pos pos, List<Expr> items) implements Expr {
    }

    record DictLit(Pos pos, List<Expr> keys, List<Expr> values) implements Expr {
    }

    // ---- statements --------------------------------------------------------------------------

    record Text(Pos pos, String text) implements Stmt {
    }

    record Output(Pos pos, Expr expr) implements Stmt {
    }

    record If(Pos pos, List<Expr> tests, List<List<Stmt>> bodies, List<Stmt> otherwise) implements Stmt {
    }

    record For(Pos pos, Target target, Expr iter, Expr filter, boolean recursive, List<Stmt> body,
               List<Stmt> otherwise) implements Stmt {
    }

    record Set(Pos pos, Target target, Expr value) implements Stmt {
    }

    /** {@code {% set x | filters %}body{% endset %}}; {@code filter} may be null. */
    record SetBlock(Pos pos, Target target, Expr filter, List<Stmt> body) implements Stmt {
    }

    /**
     * What a macro's (or call block's) body reads, which decides the extra arguments it accepts.
     *
     * @param catchKwargs  the body reads {@code kwargs}
     * @param catchVarargs the body reads {@code varargs}
     * @param caller       the body reads {@code caller}
     */
    record MacroInfo(boolean catchKwargs, boolean catchVarargs, boolean caller) {
    }

    record MacroDef(Pos pos, String name, List<String> params, List<Expr> defaults, List<Stmt> body, MacroInfo info)
            implements Stmt {
    }

    record CallBlock(Pos pos, Call call, List<String> params, List<Expr> defaults, List<Stmt> body, MacroInfo info)
            implements Stmt {
    }

    record FilterBlock(Pos pos, Expr filter, List<Stmt> body) implements Stmt {
    }

    record With(Pos pos, List<Target> targets, List<Expr> values, List<Stmt> body) implements Stmt {
    }

    /** A body rendered in place ({@code {% generation %}}). */
    record Block(Pos pos, List<Stmt> body) implements Stmt {
    }

    /**
     * {@code include}, {@code import}, {@code from ... import} or {@code extends}: the engine has no
     * template loader, so rendering one fails as Jinja2 without a loader does.
     *
     * @param tag      the statement name
     * @param template the expression naming the template(s)
     * @param names    the variables an {@code import} or {@code from} binds
     */
    record Load(Pos pos, String tag, Expr template, List<String> names) implements Stmt {
    }

    /**
     * {@code {% block name [scoped] [required] %}}: rendered in place; it sees the template's
     * top-level variables, and the enclosing loop's or macro's only when {@code scoped}.
     */
    record BlockDef(Pos pos, String name, boolean scoped, boolean required, List<Stmt> body) implements Stmt {
    }

    record Break(Pos pos) implements Stmt {
    }

    record Continue(Pos pos) implements Stmt {
    }

    /** A {@link TemplateTag} use: its evaluated attributes and rendered body go to the tag's handler. */
    record TagBlock(Pos pos, TemplateTag tag, List<String> names, List<Expr> values, List<Stmt> body)
            implements Stmt {
    }

    /**
     * Haystack's {@code {% now tz [+|- offset][, format] %}}; {@code op} is {@code "+"},
     * {@code "-"} or null (then {@code offset} is null); {@code format} may be null.
     */
    record Now(Pos pos, Expr timezone, String op, Expr offset, Expr format) implements Stmt {
    }
}
