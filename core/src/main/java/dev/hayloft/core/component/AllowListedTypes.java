package dev.hayloft.core.component;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.regex.Pattern;

/** Resolves component classes of allow-listed packages, checking them before initialising them. */
final class AllowListedTypes {
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

    private AllowListedTypes() {
    }

    static boolean isClassName(String s) {
        return s != null && s.length() < 512 && CLASS_NAME.matcher(s).matches();
    }

    /** The type, or null when the class is missing, not a component, or has no {@code fromDict(Map)}. */
    static ComponentType load(String name) {
        Class<?> c;
        try {
            c = Class.forName(name, false, AllowListedTypes.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!Component.class.isAssignableFrom(c) || c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            return null;
        }
        Method fromDict;
        try {
            fromDict = c.getMethod("fromDict", Map.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (!Modifier.isStatic(fromDict.getModifiers()) || !c.isAssignableFrom(fromDict.getReturnType())) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Class<? extends Component> type = (Class<? extends Component>) c;
        return ComponentType.of(type, (init, ctx) -> {
            Map<String, Object> dict = new java.util.LinkedHashMap<>();
            dict.put("type", name);
            dict.put("init_parameters", init.map());
            try {
                return (Component) fromDict.invoke(null, dict);
            } catch (java.lang.reflect.InvocationTargetException e) {
                Throwable t = e.getCause();
                throw t instanceof RuntimeException ? (RuntimeException) t
                        : new IllegalStateException(name + ".fromDict failed: " + t, t);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(name + ".fromDict is not accessible", e);
            }
        });
    }
}
