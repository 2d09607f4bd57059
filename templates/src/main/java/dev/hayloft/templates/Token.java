package dev.hayloft.templates;

/**
 * One lexical token of a chat template, with its 1-based position.
 *
 * <pre>{@code
 * new Token(Token.Type.NAME, "messages", 1, 4)
 * }</pre>
 *
 * @param type   the token kind
 * @param value  text for DATA/NAME/OP, the decoded value for STRING, a Long or Double for numbers
 * @param line   1-based line
 * @param column 1-based column
 */
record Token(Type type, Object value, int line, int column) {
    /** Token kinds. */
    enum Type { DATA, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INTEGER, FLOAT, OP, EOF }

    boolean is(Type t, String v) {
        return type == t && value.equals(v);
    }

    boolean isOp(String op) {
        return type == Type.OP && value.equals(op);
    }

    boolean isName(String name) {
        return type == Type.NAME && value.equals(name);
    }

    /** How Jinja describes the token in syntax errors. */
    String describe() {
        return switch (type) {
            case EOF -> "end of template";
            case VAR_END -> "end of print statement";
            case BLOCK_END -> "end of statement block";
            case VAR_BEGIN -> "begin of print statement";
            case BLOCK_BEGIN -> "begin of statement block";
            case DATA -> "template data / text";
            case STRING -> "string";
            case INTEGER -> "integer";
            case FLOAT -> "float";
            default -> String.valueOf(value);
        };
    }
}
