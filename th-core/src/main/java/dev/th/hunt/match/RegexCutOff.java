package dev.th.hunt.match;

/**
 * A rule's java.util.regex match abandoned past its time bound ({@link RuleRegex}): the rule
 * gives no answer on that event, and the matcher counts it against the rule.
 */
public final class RegexCutOff extends RuntimeException {
    private final String pattern;

    RegexCutOff(String pattern, long budgetMillis) {
        super("regular expression '" + pattern + "' ran past " + budgetMillis + " ms on one value", null, false, false);
        this.pattern = pattern;
    }

    /** The pattern as the rule wrote it. */
    public String pattern() {
        return pattern;
    }
}
