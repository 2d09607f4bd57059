package dev.hayloft.templates;

import java.util.function.BiFunction;

/**
 * Anything a template may call: a global function ({@code namespace}, {@code range},
 * {@code raise_exception}...), a whitelisted Python method bound to its value
 * ({@code message.content.startswith}), a macro, or a call block's {@code caller}.
 *
 * <pre>{@code
 * PyCallable upper = new PyCallable.Builtin("shout", (st, args) -> ((String) args.get(0, "s", "")).toUpperCase());
 * }</pre>
 */
interface PyCallable {
    /** Calls with evaluated arguments. */
    Object call(RenderState state, Args args);

    /** The name shown in messages and by {@code repr}. */
    String pyName();

    /**
     * A global function implemented in Java.
     *
     * @param pyName the name templates call it by
     * @param body   the implementation
     */
    record Builtin(String pyName, BiFunction<RenderState, Args, Object> body) implements PyCallable {
        @Override
        public Object call(RenderState state, Args args) {
            return body.apply(state, args);
        }
    }

    /**
     * A whitelisted Python method bound to the value it was looked up on ({@code 'a,b'.split}).
     *
     * @param self   the receiver (a str, dict, list, tuple or loop)
     * @param pyName the method name
     */
    record BoundMethod(Object self, String pyName) implements PyCallable {
        @Override
        public Object call(RenderState state, Args args) {
            return Methods.call(state, self, pyName, args);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BoundMethod b && b.self == self && b.pyName.equals(pyName);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(self) * 31 + pyName.hashCode();
        }
    }
}
