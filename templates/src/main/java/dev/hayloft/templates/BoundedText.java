package dev.hayloft.templates;

/**
 * A {@link StringBuilder} that charges the render's work budget for what it appends and fails
 * instead of growing past {@link TemplateLimits#maxOutputChars()}. Every string the interpreter
 * builds piece by piece (output, joins, repr, JSON) goes through one.
 *
 * <pre>{@code
 * BoundedText t = state.text();
 * t.append("[").append(item).append("]");
 * String s = t.toString();
 * }</pre>
 */
final class BoundedText {
    private final StringBuilder sb = new StringBuilder();
    private final RenderState state;

    BoundedText(RenderState state) {
        this.state = state;
    }

    BoundedText append(String s) {
        grow(s.length());
        sb.append(s);
        return this;
    }

    BoundedText append(char c) {
        grow(1);
        sb.append(c);
        return this;
    }

    BoundedText appendCodePoint(int cp) {
        grow(Character.charCount(cp));
        sb.appendCodePoint(cp);
        return this;
    }

    int length() {
        return sb.length();
    }

    RenderState state() {
        return state;
    }

    private void grow(int n) {
        if ((long) sb.length() + n > state.limits().maxOutputChars()) {
            throw RenderState.limit("the text being built would exceed " + state.limits().maxOutputChars()
                    + " characters");
        }
        state.work(n);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
