package io.flowerstream.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The metric selectors of a PromQL expression ({@code name{matchers}}), found by a small scanner:
 * identifiers followed by {@code (} are functions, the label lists after {@code by}, {@code on},
 * {@code without}, {@code ignoring}, {@code group_left} and {@code group_right} are skipped, as are
 * strings, durations and numbers. Enough for the expressions of this repository's rules and panels,
 * not a PromQL parser: Prometheus parses them for real.
 */
final class Selectors {

    private static final Set<String> LABEL_LIST_KEYWORDS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> OPERATORS = Set.of("and", "or", "unless", "offset", "bool", "inf", "nan");
    /** Aggregations may be followed by {@code by (...)} before their parenthesis. */
    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile");

    private Selectors() {}

    static List<String> of(String expr) {
        List<String> selectors = new ArrayList<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
            } else if (c == '{') {
                int end = matcherEnd(expr, i);
                selectors.add(expr.substring(i, end));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(expr.charAt(i))
                                || expr.charAt(i) == '_'
                                || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                if (LABEL_LIST_KEYWORDS.contains(word)) {
                    i = next < n && expr.charAt(next) == '(' ? expr.indexOf(')', next) + 1 : next;
                } else if (AGGREGATIONS.contains(word) || (next < n && expr.charAt(next) == '(')) {
                    i = next; // a function or an aggregation, not a metric
                } else if (!OPERATORS.contains(word.toLowerCase())) {
                    if (next < n && expr.charAt(next) == '{') {
                        int end = matcherEnd(expr, next);
                        selectors.add(word + expr.substring(next, end));
                        i = end;
                    } else {
                        selectors.add(word);
                    }
                }
            } else {
                i++;
            }
        }
        return selectors;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int matcherEnd(String s, int open) {
        int i = open + 1;
        while (i < s.length() && s.charAt(i) != '}') {
            char c = s.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(s, i) : i + 1;
        }
        return i + 1;
    }
}
