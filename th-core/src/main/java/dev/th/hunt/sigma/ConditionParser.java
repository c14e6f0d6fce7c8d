package dev.th.hunt.sigma;

import dev.th.hunt.match.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a Sigma condition ({@code and}, {@code or}, {@code not}, parentheses, {@code 1 of} /
 * {@code all of} / {@code N of} a name pattern or {@code them}) over compiled search
 * identifiers. Precedence, loosest first: or, and, not, x of, parentheses.
 */
final class ConditionParser {
    private final String text;
    private final Map<String, Node> ids;
    private final List<String> tokens = new ArrayList<>();
    private int pos;

    private ConditionParser(String text, Map<String, Node> ids) {
        this.text = text;
        this.ids = ids;
    }

    /** Compiles {@code condition} against the named search identifiers. */
    static Node parse(String condition, Map<String, Node> ids) throws RuleException {
        ConditionParser p = new ConditionParser(condition, ids);
        p.tokenize();
        if (p.tokens.isEmpty()) {
            throw new RuleException("condition is empty");
        }
        Node n = p.or();
        if (p.pos < p.tokens.size()) {
            throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return n;
    }

    private void tokenize() throws RuleException {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '|') {
                throw new RuleException("condition '" + text + "': the '|' aggregation syntax (count, near) is the"
                        + " obsolete Sigma 1 correlation form; write a correlation rule instead");
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "()|".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean accept(String word) {
        String t = peek();
        if (t != null && t.equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private Node or() throws RuleException {
        List<Node> parts = new ArrayList<>(List.of(and()));
        while (accept("or")) {
            parts.add(and());
        }
        return Node.or(parts);
    }

    private Node and() throws RuleException {
        List<Node> parts = new ArrayList<>(List.of(not()));
        while (accept("and")) {
            parts.add(not());
        }
        return Node.and(parts);
    }

    private Node not() throws RuleException {
        if (accept("not")) {
            return Node.not(not());
        }
        return primary();
    }

    private Node primary() throws RuleException {
        String t = peek();
        if (t == null) {
            throw error("ends too early");
        }
        if (t.equals("(")) {
            pos++;
            Node n = or();
            if (!accept(")")) {
                throw error("missing ')'");
            }
            return n;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (t.equals(")") || lower.equals("and") || lower.equals("or")) {
            throw error("unexpected '" + t + "'");
        }
        if (pos + 1 < tokens.size() && tokens.get(pos + 1).equalsIgnoreCase("of")) {
            pos += 2;
            return of(lower);
        }
        pos++;
        if (t.indexOf('*') >= 0) {
            throw error("'" + t + "' is a pattern; patterns go after '1 of' or 'all of'");
        }
        Node n = ids.get(t);
        if (n == null) {
            throw error("'" + t + "' is not a search identifier of this rule (known: " + String.join(", ", ids.keySet()) + ")");
        }
        return n;
    }

    /**
     * Whether {@code name} matches {@code pattern}, where {@code *} stands for any run of
     * characters: in time linear in the lengths for each star (no regular expression, so a
     * pattern of many stars cannot backtrack for minutes).
     */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private Node of(String quantifier) throws RuleException {
        String target = peek();
        if (target == null || target.equals("(") || target.equals(")")) {
            throw error("'" + quantifier + " of' needs a name pattern or 'them'");
        }
        pos++;
        List<Node> matched = new ArrayList<>();
        if (target.equalsIgnoreCase("them")) {
            ids.forEach((name, n) -> {
                if (!name.startsWith("_")) {
                    matched.add(n);
                }
            });
        } else {
            ids.forEach((name, n) -> {
                if (glob(target, name)) {
                    matched.add(n);
                }
            });
        }
        if (matched.isEmpty()) {
            throw error("'" + quantifier + " of " + target + "' matches no search identifier");
        }
        if (quantifier.equals("all")) {
            return Node.and(matched);
        }
        if (quantifier.equals("any")) {
            return Node.or(matched);
        }
        try {
            int n = Integer.parseInt(quantifier);
            if (n < 1) {
                throw error("'" + quantifier + " of': the count must be at least 1");
            }
            return Node.atLeast(n, matched);
        } catch (NumberFormatException e) {
            throw error("'" + quantifier + " of': expected '1 of', 'all of' or a number");
        }
    }

    private RuleException error(String what) {
        return new RuleException("condition '" + text + "': " + what);
    }
}
