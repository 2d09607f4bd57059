package dev.hayloft.core.internal;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TreeParser;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the variables a Jinja template reads without defining them, like Jinja2's
 * {@code meta.find_undeclared_variables}: names assigned by {@code set}, {@code for},
 * {@code macro}, {@code with} or imports before their use, attribute names, filter and test
 * names, keyword-argument names and Jinja's globals are not variables.
 */
final class JinjaVariables {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else", "true", "false",
            "none", "True", "False", "None", "recursive");
    private static final Set<String> GLOBALS = Set.of("range", "dict", "lipsum", "cycler", "joiner", "namespace",
            "caller", "varargs", "kwargs", "super", "self", "loop");

    private final Deque<Set<String>> scopes = new ArrayDeque<>();
    private final Set<String> found = new LinkedHashSet<>();
    private final Set<String> filters = new LinkedHashSet<>();

    private JinjaVariables() {
        scopes.push(new HashSet<>());
    }

    /** The free variables and the filter names a template uses. */
    record Usage(List<String> variables, Set<String> filters) {
    }

    static Usage analyse(JinjavaInterpreter interpreter, String template) {
        Node root = new TreeParser(interpreter, template).buildTree();
        JinjaVariables v = new JinjaVariables();
        v.walk(root.getChildren());
        return new Usage(new ArrayList<>(v.found), v.filters);
    }

    private void walk(List<Node> nodes) {
        for (Node n : nodes) {
            if (n instanceof ExpressionNode) {
                expression(((ExpressionToken) n.getMaster()).getExpr());
            } else if (n instanceof TagNode) {
                tag((TagNode) n);
            }
        }
    }

    private void tag(TagNode t) {
        String name = t.getName();
        String helpers = t.getHelpers() == null ? "" : t.getHelpers().trim();
        switch (name) {
            case "for": {
                int in = indexOfWord(helpers, "in");
                if (in < 0) {
                    walkScoped(t.getChildren(), List.of());
                    return;
                }
                List<String> targets = names(helpers.substring(0, in));
                String rest = helpers.substring(in + 2);
                int cond = indexOfWord(rest, "if");
                expression(cond < 0 ? rest.replaceAll("\\brecursive\\s*$", "") : rest.substring(0, cond));
                scopes.push(new HashSet<>(targets));
                if (cond >= 0) {
                    expression(rest.substring(cond + 2).replaceAll("\\brecursive\\s*$", ""));
                }
                walk(t.getChildren());
                scopes.pop();
                return;
            }
            case "set": {
                int eq = topLevelAssign(helpers);
                if (eq < 0) { // block set
                    walk(t.getChildren());
                    declare(names(helpers));
                    return;
                }
                String target = helpers.substring(0, eq).trim();
                expression(helpers.substring(eq + 1));
                if (target.contains(".")) {
                    expression(target.substring(0, target.indexOf('.')));
                } else {
                    declare(names(target));
                }
                return;
            }
            case "macro": {
                int paren = helpers.indexOf('(');
                String macroName = (paren < 0 ? helpers : helpers.substring(0, paren)).trim();
                declare(List.of(macroName));
                List<String> params = new ArrayList<>();
                if (paren >= 0) {
                    String args = helpers.substring(paren + 1, Math.max(paren + 1, helpers.lastIndexOf(')')));
                    for (String a : splitTopLevel(args)) {
                        int e = a.indexOf('=');
                        params.add((e < 0 ? a : a.substring(0, e)).trim());
                        if (e >= 0) {
                            expression(a.substring(e + 1));
                        }
                    }
                }
                walkScoped(t.getChildren(), params);
                return;
            }
            case "with": {
                List<String> declared = new ArrayList<>();
                for (String a : splitTopLevel(helpers)) {
                    int e = topLevelAssign(a);
                    if (e >= 0) {
                        declared.add(a.substring(0, e).trim());
                        expression(a.substring(e + 1));
                    }
                }
                walkScoped(t.getChildren(), declared);
                return;
            }
            case "import":
            case "from": {
                int as = indexOfWord(helpers, "as");
                int imp = indexOfWord(helpers, "import");
                if (name.equals("import") && as >= 0) {
                    declare(names(helpers.substring(as + 2)));
                } else if (imp >= 0) {
                    declare(names(helpers.substring(imp + 6).replaceAll("\\bas\\b", ",")));
                }
                return;
            }
            case "raw":
            case "filter":
                return;
            default:
                expression(helpers);
                walk(t.getChildren());
        }
    }

    private void walkScoped(List<Node> children, List<String> declared) {
        scopes.push(new HashSet<>(declared));
        walk(children);
        scopes.pop();
    }

    private void declare(List<String> names) {
        scopes.peek().addAll(names);
    }

    private boolean declared(String name) {
        for (Set<String> s : scopes) {
            if (s.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Records the free variables of one expression. */
    private void expression(String expr) {
        List<String> tokens = JinjaTokens.tokenize(expr);
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i);
            if (tok.equals("(") || tok.equals("[") || tok.equals("{")) {
                depth++;
            } else if (tok.equals(")") || tok.equals("]") || tok.equals("}")) {
                depth--;
            }
            if (!JinjaTokens.isName(tok) || KEYWORDS.contains(tok) || GLOBALS.contains(tok)) {
                continue;
            }
            String prev = i > 0 ? tokens.get(i - 1) : "";
            String prev2 = i > 1 ? tokens.get(i - 2) : "";
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (prev.equals("|")) {
                filters.add(tok);
                continue;
            }
            if (prev.equals(".") || prev.equals("is") || (prev.equals("not") && prev2.equals("is"))) {
                continue;
            }
            if (depth > 0 && next.equals("=")) {
                continue; // keyword argument name
            }
            if (!declared(tok)) {
                found.add(tok);
            }
        }
    }

    private static List<String> names(String s) {
        List<String> out = new ArrayList<>();
        for (String t : JinjaTokens.tokenize(s)) {
            if (JinjaTokens.isName(t) && !KEYWORDS.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static int indexOfWord(String s, String word) {
        List<int[]> spans = JinjaTokens.spans(s);
        for (int[] sp : spans) {
            if (s.substring(sp[0], sp[1]).equals(word)) {
                return sp[0];
            }
        }
        return -1;
    }

    private static int topLevelAssign(String s) {
        for (int[] sp : JinjaTokens.spans(s)) {
            if (s.substring(sp[0], sp[1]).equals("=")) {
                return sp[0];
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int[] sp : JinjaTokens.spans(s)) {
            String t = s.substring(sp[0], sp[1]);
            if (t.equals("(") || t.equals("[") || t.equals("{")) {
                depth++;
            } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
                depth--;
            } else if (t.equals(",") && depth == 0) {
                parts.add(s.substring(start, sp[0]));
                start = sp[1];
            }
        }
        if (start < s.length() && !s.substring(start).isBlank()) {
            parts.add(s.substring(start));
        }
        return parts;
    }
}
