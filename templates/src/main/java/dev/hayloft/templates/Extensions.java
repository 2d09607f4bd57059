package dev.hayloft.templates;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge between the interpreter and the environment's pluggable parts: user
 * {@link TemplateFunction}s and {@link TemplateFilter}s (their arguments exported from the Python
 * value model, their results converted back), {@link TemplateTag} blocks, and Haystack's
 * {@code {% now %}} tag.
 *
 * <pre>{@code
 * Object out = Extensions.callFilter(state, filter, value, args);
 * String now = Extensions.now(state, "UTC", "+", "hours=2", "%H:%M");
 * }</pre>
 */
final class Extensions {
    private static final String DEFAULT_NOW_FORMAT = "%Y-%m-%d %H:%M:%S";

    private Extensions() {
    }

    /** The environment's extra globals as the interpreter calls them. */
    static Map<String, Object> globals(Map<String, Object> extra) {
        Map<String, Object> out = new LinkedHashMap<>();
        extra.forEach((name, fn) -> out.put(name, fn instanceof TemplateFunction f
                ? new PyCallable.Builtin(name, (st, a) -> call(name, () -> f.call(exportList(a.positional()),
                        exportMap(a.keywords()))))
                : fn));
        return out;
    }

    /** Applies a user filter. */
    static Object callFilter(RenderState state, String name, TemplateFilter filter, Object value, Args a) {
        return call(name, () -> filter.apply(export(value), exportList(a.positional()), exportMap(a.keywords())));
    }

    /** Renders a user tag from its evaluated attributes and rendered body. */
    static String renderTag(TemplateTag tag, Map<String, Object> attributes, String body) {
        Object out = call(tag.name(), () -> tag.handler().render(exportMap(attributes), body));
        return out == null ? "" : out.toString();
    }

    private interface Body {
        Object get();
    }

    private static Object call(String name, Body body) {
        try {
            return JavaValues.toPython(body.get());
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new TemplateException(TemplateException.Kind.RUNTIME, name + ": " + message, 0, 0, e);
        }
    }

    /** A value of the Python value model as user code sees it: undefined as null, tuples and lists as read-only lists. */
    static Object export(Object v) {
        if (v instanceof Undefined) {
            return null;
        }
        if (v instanceof PyRange r) {
            return Collections.unmodifiableList(r.items());
        }
        if (v instanceof PyTuple t) {
            List<Object> items = new ArrayList<>();
            for (Object x : t.items()) {
                items.add(export(x));
            }
            return Collections.unmodifiableList(items);
        }
        if (v instanceof List<?> l) {
            List<Object> items = new ArrayList<>(l.size());
            for (Object x : l) {
                items.add(export(x));
            }
            return Collections.unmodifiableList(items);
        }
        if (v instanceof Map<?, ?> m) {
            return exportMap(m);
        }
        return v;
    }

    private static List<Object> exportList(List<Object> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object x : items) {
            out.add(export(x));
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, Object> exportMap(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(export(k)), export(x)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Haystack's {@code Jinja2TimeExtension._get_datetime}: the current time in {@code timezone},
     * shifted by {@code offset} ({@code "hours=2, minutes=30"}) in the direction of {@code op},
     * formatted with {@code strftime} ({@code "%Y-%m-%d %H:%M:%S"} by default).
     */
    static String now(RenderState state, Object timezone, String op, Object offset, Object format) {
        ZonedDateTime dt;
        try {
            dt = ZonedDateTime.now(state.clock()).withZoneSameInstant(zone(state, timezone));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw TemplateException.runtime("Invalid timezone " + PyValues.str(state, timezone) + ": " + e.getMessage());
        }
        if (op != null && offset != null && PyValues.truthy(offset)) {
            dt = shift(state, dt, op, offset);
        }
        String fmt = format == null ? DEFAULT_NOW_FORMAT : PyValues.str(state, format);
        return Strftime.format(dt.toLocalDateTime(), fmt);
    }

    private static ZoneId zone(RenderState state, Object timezone) {
        if (!(timezone instanceof String name)) {
            throw new IllegalArgumentException("a timezone name is a string, not " + PyValues.typeName(timezone));
        }
        String n = name.trim();
        if (n.equalsIgnoreCase("utc")) {
            return ZoneOffset.UTC;
        }
        if (n.equalsIgnoreCase("local")) {
            return state.clock().getZone();
        }
        return ZoneId.of(n);
    }

    private static ZonedDateTime shift(RenderState state, ZonedDateTime dt, String op, Object offset) {
        String text = PyValues.str(state, offset);
        try {
            for (String param : text.split(",", -1)) {
                String[] kv = param.split("=", -1);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("not enough values to unpack: '" + param + "'");
                }
                String interval = kv[0].strip();
                double amount = Double.parseDouble(op + kv[1].strip());
                dt = switch (interval) {
                    case "years" -> dt.plusYears(whole(interval, amount));
                    case "months" -> dt.plusMonths(whole(interval, amount));
                    case "quarters" -> dt.plusMonths(3 * whole(interval, amount));
                    case "weeks" -> dt.plusNanos(Math.round(amount * 7 * 86_400e9));
                    case "days" -> dt.plusNanos(Math.round(amount * 86_400e9));
                    case "hours" -> dt.plusNanos(Math.round(amount * 3_600e9));
                    case "minutes" -> dt.plusNanos(Math.round(amount * 60e9));
                    case "seconds" -> dt.plusNanos(Math.round(amount * 1e9));
                    case "microseconds" -> dt.plusNanos(Math.round(amount * 1e3));
                    default -> throw new IllegalArgumentException("unknown interval '" + interval + "'");
                };
            }
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw TemplateException.runtime("Invalid offset or operator " + text + ", " + op + ": " + e.getMessage());
        }
        return dt;
    }

    private static long whole(String interval, double amount) {
        if (amount != Math.rint(amount)) {
            throw new IllegalArgumentException("Non-integer " + interval + " are ambiguous");
        }
        return (long) amount;
    }
}
