package dev.th.hunt.match;

import java.util.regex.PatternSyntaxException;

/**
 * A Sigma {@code re} value compiled to a test that cannot stall a hunt. RE2/J runs it in time
 * linear in the value whenever RE2 takes the pattern (every SigmaHQ {@code re} value does).
 * A pattern only java.util.regex takes (lookaround, backreferences, possessive quantifiers)
 * runs there with a time bound per value: past {@link #BUDGET_MILLIS} the match is abandoned
 * with a {@link RegexCutOff}, which the matcher counts against the rule and reports.
 */
public final class RuleRegex {
    /** The time one java.util.regex match may take on one value before it is cut off. */
    public static final long BUDGET_MILLIS = 100;

    private RuleRegex() {
    }

    /**
     * @param i case-insensitive (Sigma's {@code re|i})
     * @param m multi-line (^ and $ at line ends)
     * @param s dot matches new lines
     * @throws PatternSyntaxException when neither engine takes the pattern (java.util.regex's words)
     */
    public static ValueTest compile(String regex, boolean i, boolean m, boolean s) {
        int flags = (i ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0) | (m ? com.google.re2j.Pattern.MULTILINE : 0)
                | (s ? com.google.re2j.Pattern.DOTALL : 0);
        try {
            com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(regex, flags);
            return new Linear(p);
        } catch (com.google.re2j.PatternSyntaxException e) {
            int jflags = (i ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0)
                    | (m ? java.util.regex.Pattern.MULTILINE : 0) | (s ? java.util.regex.Pattern.DOTALL : 0);
            return new Bounded(java.util.regex.Pattern.compile(regex, jflags), e.getDescription(), BUDGET_MILLIS);
        }
    }

    /** A search anywhere in the value on RE2/J. */
    public record Linear(com.google.re2j.Pattern pattern) implements ValueTest {
        @Override
        public boolean test(String raw, String lower) {
            return pattern.matcher(raw).find();
        }
    }

    /**
     * A search anywhere in the value on java.util.regex, abandoned once it has run
     * {@code budgetMillis} on one value.
     *
     * @param why what RE2 said of the pattern
     */
    public record Bounded(java.util.regex.Pattern pattern, String why, long budgetMillis) implements ValueTest {
        @Override
        public boolean test(String raw, String lower) {
            return pattern.matcher(new Deadline(raw, pattern.pattern(), budgetMillis)).find();
        }
    }

    /** The value as java.util.regex reads it, checking the clock every few thousand reads. */
    private static final class Deadline implements CharSequence {
        private final String text;
        private final String pattern;
        private final long budgetMillis;
        private final long end;
        private int reads;

        Deadline(String text, String pattern, long budgetMillis) {
            this(text, pattern, budgetMillis, System.nanoTime() + budgetMillis * 1_000_000L);
        }

        private Deadline(String text, String pattern, long budgetMillis, long end) {
            this.text = text;
            this.pattern = pattern;
            this.budgetMillis = budgetMillis;
            this.end = end;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && System.nanoTime() > end) {
                throw new RegexCutOff(pattern, budgetMillis);
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int stop) {
            return new Deadline(text.substring(start, stop), pattern, budgetMillis, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
