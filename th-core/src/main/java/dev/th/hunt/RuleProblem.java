package dev.th.hunt;

/**
 * A rule (or a whole file) that could not be loaded, and why.
 *
 * @param source the file
 * @param ruleId the rule's id when it could be read, else its title, else null
 * @param reason what was wrong, in words a rule author can act on
 */
public record RuleProblem(String source, String ruleId, String reason) {
}
