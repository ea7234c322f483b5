package io.flowerstream.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} as Docker reads it: one pattern a line, {@code #} comments, {@code !} to
 * re-include, {@code *} and {@code ?} within a path segment, {@code **} across segments; the last
 * matching line wins, and a path is excluded when it or a folder above it is.
 */
final class DockerBuildContext {

    private record Rule(Pattern pattern, boolean exclude, String text) {}

    private final List<Rule> rules = new ArrayList<>();

    DockerBuildContext(String dockerignore) {
        for (String raw : dockerignore.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exclude = !line.startsWith("!");
            String pattern = exclude ? line : line.substring(1).strip();
            pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
            rules.add(new Rule(Pattern.compile(regex(pattern)), exclude, line));
        }
    }

    /**
     * The line that leaves {@code path} (relative, with /) out of the context, or null if it is in.
     * As Docker does: a rule applies when it matches the path or a folder above it, and the last
     * rule that applies decides.
     */
    String excludedBy(String path) {
        Rule decided = null;
        for (Rule rule : rules) {
            if (matchesOrParentMatches(rule.pattern(), path)) {
                decided = rule;
            }
        }
        return decided != null && decided.exclude() ? decided.text() : null;
    }

    private static boolean matchesOrParentMatches(Pattern pattern, String path) {
        String prefix = "";
        for (String segment : path.split("/")) {
            prefix = prefix.isEmpty() ? segment : prefix + "/" + segment;
            if (pattern.matcher(prefix).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String regex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                // "**/" matches no folder or any number of them.
                if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                    out.append("(?:.*/)?");
                    i += 2;
                } else {
                    out.append(".*");
                    i++;
                }
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
