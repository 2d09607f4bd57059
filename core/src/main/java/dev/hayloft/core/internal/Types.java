package dev.hayloft.core.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Socket type utilities: readable names, Haystack's strict compatibility rule applied to
 * Java's generic types, and small type constructors ({@link #listOf}).
 *
 * <pre>{@code
 * Types.strictlyCompatible(Types.listOf(ChatMessage.class), Types.listOf(Object.class));   // true
 * Types.name(Types.listOf(String.class));                                                  // "List[String]"
 * }</pre>
 */
public final class Types {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(boolean.class, Boolean.class, int.class,
            Integer.class, long.class, Long.class, double.class, Double.class, float.class, Float.class, short.class,
            Short.class, byte.class, Byte.class, char.class, Character.class);

    private Types() {
    }

    /** {@code List<element>} as a reflective type. */
    public static ParameterizedType listOf(Type element) {
        return parameterized(List.class, element);
    }

    /** {@code Map<String, value>} as a reflective type. */
    public static ParameterizedType mapOf(Type value) {
        return parameterized(Map.class, String.class, value);
    }

    /** {@code raw<args>} as a reflective type. */
    public static ParameterizedType parameterized(Class<?> raw, Type... args) {
        return new Param(raw, args.clone());
    }

    /** The raw class of a type ({@code Object} for variables and wildcards without bounds). */
    public static Class<?> raw(Type t) {
        if (t instanceof Class) {
            return box((Class<?>) t);
        }
        if (t instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) t).getRawType();
        }
        if (t instanceof WildcardType) {
            return raw(((WildcardType) t).getUpperBounds()[0]);
        }
        if (t instanceof TypeVariable) {
            return raw(((TypeVariable<?>) t).getBounds()[0]);
        }
        if (t instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    /** The boxed class for a primitive, else the class itself. */
    public static Class<?> box(Class<?> c) {
        return c.isPrimitive() ? BOXES.getOrDefault(c, c) : c;
    }

    /** The type arguments (empty for raw types). */
    public static Type[] args(Type t) {
        return t instanceof ParameterizedType ? ((ParameterizedType) t).getActualTypeArguments() : new Type[0];
    }

    /** The element type of a {@code List<T>}/{@code Collection<T>}, or null when not a list type. */
    public static Type listElement(Type t) {
        if (!List.class.isAssignableFrom(raw(t))) {
            return null;
        }
        Type[] a = args(t);
        return a.length == 1 ? a[0] : Object.class;
    }

    private static Type upper(Type t) {
        if (t instanceof WildcardType) {
            return ((WildcardType) t).getUpperBounds()[0];
        }
        if (t instanceof TypeVariable) {
            return ((TypeVariable<?>) t).getBounds()[0];
        }
        return t;
    }

    /**
     * Haystack's strict rule: equal types, any receiver {@code Object}, a subtype, or the same
     * generic origin with pairwise compatible arguments (bare generics mean "of Object").
     * A sender typed {@code Object} only fits a receiver typed {@code Object}.
     */
    public static boolean strictlyCompatible(Type sender, Type receiver) {
        sender = upper(sender);
        receiver = upper(receiver);
        if (sender.equals(receiver) || receiver == Object.class) {
            return true;
        }
        if (sender == Object.class) {
            return false;
        }
        Class<?> sr = raw(sender);
        Class<?> rr = raw(receiver);
        if (!rr.isAssignableFrom(sr)) {
            return false;
        }
        Type[] ra = args(receiver);
        if (ra.length == 0) {
            return true;
        }
        if (sr != rr) {
            // a subtype of a generic receiver: compatible only when the receiver's arguments are all Object
            for (Type a : ra) {
                if (upper(a) != Object.class) {
                    return false;
                }
            }
            return true;
        }
        Type[] sa = args(sender);
        if (sa.length == 0) {
            sa = new Type[ra.length];
            java.util.Arrays.fill(sa, Object.class);
        }
        if (sa.length != ra.length) {
            return false;
        }
        for (int i = 0; i < sa.length; i++) {
            if (!strictlyCompatible(sa[i], ra[i])) {
                return false;
            }
        }
        return true;
    }

    /** A readable name in Haystack's style: {@code List[ChatMessage]}, {@code Map[String, Object]}. */
    public static String name(Type t) {
        if (t instanceof Class) {
            Class<?> c = box((Class<?>) t);
            return c == Object.class ? "Any" : c.getSimpleName();
        }
        if (t instanceof ParameterizedType) {
            List<String> a = new ArrayList<>();
            for (Type x : args(t)) {
                a.add(name(x));
            }
            return raw(t).getSimpleName() + a;
        }
        if (t instanceof WildcardType) {
            Type u = upper(t);
            return u == Object.class ? "Any" : name(u);
        }
        return t.getTypeName();
    }

    /** camelCase → snake_case ({@code revisedPrompt} → {@code revised_prompt}). */
    public static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final class Param implements ParameterizedType {
        private final Class<?> raw;
        private final Type[] args;

        Param(Class<?> raw, Type[] args) {
            this.raw = raw;
            this.args = args;
        }

        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ParameterizedType)) {
                return false;
            }
            ParameterizedType p = (ParameterizedType) o;
            return raw.equals(p.getRawType()) && Objects.equals(p.getOwnerType(), null)
                    && java.util.Arrays.equals(args, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            // same contract as the JDK's ParameterizedTypeImpl
            return java.util.Arrays.hashCode(args) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return name(this);
        }
    }
}
