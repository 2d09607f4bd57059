package dev.hayloft.core.internal;

import java.util.ArrayList;
import java.util.List;

/** A small tokenizer for Jinja expressions: names, numbers, string literals and operators. */
final class JinjaTokens {
    private static final String[] TWO_CHAR = {"==", "!=", "<=", ">=", "//", "**"};

    private JinjaTokens() {
    }

    static boolean isName(String t) {
        return !t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
    }

    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        for (int[] sp : spans(s)) {
            out.add(s.substring(sp[0], sp[1]));
        }
        return out;
    }

    /** Token start/end offsets; string literals become one token each. */
    static List<int[]> spans(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new int[] {i, Math.min(n, j + 1)});
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new int[] {i, j});
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new int[] {i, j});
                i = j;
            } else {
                int len = 1;
                for (String op : TWO_CHAR) {
                    if (s.startsWith(op, i)) {
                        len = 2;
                        break;
                    }
                }
                out.add(new int[] {i, i + len});
                i += len;
            }
        }
        return out;
    }
}
