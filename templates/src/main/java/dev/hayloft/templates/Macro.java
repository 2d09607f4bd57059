package dev.hayloft.templates;

import dev.hayloft.templates.Node.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template macro, or a call block's {@code caller}, as Jinja2's {@code Macro}: called with
 * positional and keyword arguments, it renders its body in a fresh scope over the scope it was
 * defined in and returns the text. Missing arguments take their defaults (evaluated in the
 * macro's scope, so {@code b=a} works) or become undefined. Only a macro whose body reads
 * {@code varargs}, {@code kwargs} or {@code caller} accepts extra positional arguments, extra
 * keyword arguments or a caller; otherwise Jinja2's {@code TypeError} messages are raised. The
 * attributes {@code name}, {@code arguments}, {@code catch_kwargs}, {@code catch_varargs},
 * {@code caller} and {@code explicit_caller} can be read.
 *
 * <pre>{@code
 * {% macro field(name, type='text') %}<input name="{{ name }}" type="{{ type }}">{% endmacro %}
 * {{ field('q') }} {{ field.arguments }}     {# ... ('name', 'type') #}
 * }</pre>
 */
final class Macro implements PyCallable, PyObject {
    private static final Object MISSING = new Object();

    private final Interpreter interpreter;
    private final String name;
    private final List<String> params;
    private final List<Node.Expr> defaults;
    private final List<Stmt> body;
    private final Scope closure;
    private final Node.MacroInfo info;

    Macro(Interpreter interpreter, String name, List<String> params, List<Node.Expr> defaults, List<Stmt> body,
          Scope closure, Node.MacroInfo info) {
        this.interpreter = interpreter;
        this.name = name;
        this.params = params;
        this.defaults = defaults;
        this.body = body;
        this.closure = closure;
        this.info = info;
    }

    @Override
    public String pyName() {
        return name;
    }

    @Override
    public String typeName() {
        return "Macro";
    }

    @Override
    public String module() {
        return "jinja2.runtime.";
    }

    @Override
    public String repr() {
        return "<Macro " + PyStrings.repr(name) + ">";
    }

    @Override
    public Object attribute(String attribute) {
        return switch (attribute) {
            case "name" -> name;
            case "arguments" -> new PyTuple(new ArrayList<>(params));
            case "catch_kwargs" -> info.catchKwargs();
            case "catch_varargs" -> info.catchVarargs();
            case "caller" -> info.caller();
            case "explicit_caller" -> params.contains("caller");
            default -> Undefined.of(this, attribute);
        };
    }

    @Override
    public Object call(RenderState st, Args args) {
        int argc = params.size();
        List<Object> positional = args.positional();
        Map<String, Object> kwargs = new LinkedHashMap<>(args.keywords());
        Object[] values = new Object[argc];
        int off = Math.min(positional.size(), argc);
        for (int i = 0; i < off; i++) {
            values[i] = positional.get(i);
        }
        boolean foundCaller;
        if (off != argc) {
            foundCaller = false;
            for (int i = off; i < argc; i++) {
                String p = params.get(i);
                values[i] = kwargs.containsKey(p) ? kwargs.remove(p) : MISSING;
                foundCaller |= p.equals("caller");
            }
        } else {
            foundCaller = params.contains("caller");
        }
        Object caller = null;
        if (info.caller() && !foundCaller) {
            Object given = kwargs.remove("caller");
            caller = given != null ? given : Undefined.hint("No caller defined");
        }
        if (!info.catchKwargs() && !kwargs.isEmpty()) {
            if (kwargs.containsKey("caller")) {
                throw TemplateException.runtime("macro " + PyStrings.repr(name) + " was invoked with two values for the"
                        + " special caller argument. This is most likely a bug.");
            }
            throw TemplateException.runtime("macro " + PyStrings.repr(name) + " takes no keyword argument "
                    + PyStrings.repr(kwargs.keySet().iterator().next()));
        }
        if (!info.catchVarargs() && positional.size() > argc) {
            throw TemplateException.runtime("macro " + PyStrings.repr(name) + " takes not more than " + argc
                    + " argument(s)");
        }
        st.enterCall(name);
        try {
            Scope scope = new Scope(closure);
            for (int i = 0; i < argc; i++) {
                String p = params.get(i);
                if (values[i] != MISSING) {
                    scope.set(p, values[i]);
                } else if (defaults.get(i) != null) {
                    scope.set(p, interpreter.evaluate(defaults.get(i), scope));
                } else {
                    scope.set(p, Undefined.hint("parameter " + PyStrings.repr(p) + " was not provided"));
                }
            }
            if (info.caller() && !foundCaller && !params.contains("caller")) {
                scope.set("caller", caller);
            }
            if (info.catchKwargs()) {
                scope.set("kwargs", kwargs);
            }
            if (info.catchVarargs()) {
                scope.set("varargs", new PyTuple(positional.size() > argc
                        ? new ArrayList<>(positional.subList(argc, positional.size())) : List.of()));
            }
            BoundedText text = st.text();
            interpreter.exec(body, scope, text);
            return text.toString();
        } finally {
            st.exitCall();
        }
    }
}
