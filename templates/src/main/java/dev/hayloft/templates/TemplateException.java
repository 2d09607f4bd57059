package dev.hayloft.templates;

/**
 * The one exception a template throws: a syntax error found by {@link Template#compile},
 * a runtime error while rendering, a call of the template's own {@code raise_exception(msg)}, or
 * a render that ran past one of the {@link TemplateLimits}.
 *
 * <p>{@link #getMessage()} names the line and column of the template where it happened;
 * {@link #templateMessage()} is the bare message (for {@link Kind#RAISED}, exactly the text the
 * template passed to {@code raise_exception}).
 *
 * <pre>{@code
 * try {
 *     prompt = template.render(context);
 * } catch (TemplateException e) {
 *     if (e.kind() == TemplateException.Kind.RAISED) {
 *         // the template refused the conversation, e.g. "Conversation roles must alternate"
 *         throw new IllegalArgumentException(e.templateMessage(), e);
 *     }
 *     throw e;
 * }
 * }</pre>
 */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The template source does not parse. */
        SYNTAX,
        /** An error while evaluating (undefined value, type error, ...). */
        RUNTIME,
        /** The template called {@code raise_exception(message)}. */
        RAISED,
        /** A render ran past a {@link TemplateLimits} bound. */
        LIMIT
    }

    private final Kind kind;
    private final String templateMessage;
    private final int line;
    private final int column;

    TemplateException(Kind kind, String templateMessage, int line, int column, Throwable cause) {
        super(format(kind, templateMessage, line, column), cause);
        this.kind = kind;
        this.templateMessage = templateMessage;
        this.line = line;
        this.column = column;
    }

    /** A positionless runtime error; the evaluator adds the position of the node it was in. */
    static TemplateException runtime(String message) {
        return new TemplateException(Kind.RUNTIME, message, 0, 0, null);
    }

    static TemplateException of(Kind kind, String message) {
        return new TemplateException(kind, message, 0, 0, null);
    }

    static TemplateException syntax(String message, int line, int column) {
        return new TemplateException(Kind.SYNTAX, message, line, column, null);
    }

    /** Returns this exception if it has a position already, else a copy placed at the given one. */
    TemplateException at(int atLine, int atColumn) {
        if (line > 0 || atLine <= 0) {
            return this;
        }
        TemplateException placed = new TemplateException(kind, templateMessage, atLine, atColumn, getCause());
        placed.setStackTrace(getStackTrace());
        return placed;
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** The message without position (for {@link Kind#RAISED}: the template's own text). */
    public String templateMessage() {
        return templateMessage;
    }

    /** The 1-based template line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column in {@link #line()}, or 0 when unknown. */
    public int column() {
        return column;
    }

    private static String format(Kind kind, String message, int line, int column) {
        String what = switch (kind) {
            case SYNTAX -> "Template syntax error";
            case RUNTIME -> "Template error";
            case RAISED -> "Template raised an exception";
            case LIMIT -> "Template exceeded a limit";
        };
        String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        return what + where + ": " + message;
    }
}
