package dev.th.hunt.sigma;

import dev.th.hunt.RuleInfo;
import dev.th.hunt.match.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One parsed Sigma document: a detection rule, a correlation rule or a filter. */
public sealed interface SigmaRule {

    RuleInfo info();

    /** The rule's {@code name} (used by correlations to refer to it), or null. */
    String name();

    /** A detection rule, its condition compiled. */
    record Detection(RuleInfo info, String name, LogSource logsource, Node condition) implements SigmaRule {
    }

    /**
     * A correlation rule.
     *
     * @param rules the ids or names of the rules it correlates, in order
     * @param aliases alias name to (rule name to field)
     * @param field the aggregated field (value_count, value_sum, value_avg, value_percentile), or null
     * @param condition comparison operator (gt, gte, lt, lte, eq, neq) to bound; empty for temporal
     *     rules that need every rule
     */
    record Correlation(RuleInfo info, String name, String type, List<String> rules, List<String> groupBy,
            Duration timespan, Map<String, Map<String, String>> aliases, String field, Map<String, Double> condition,
            boolean generate) implements SigmaRule {
    }

    /** A global filter: its condition is AND-NOT-ed into the rules it names. */
    record Filter(RuleInfo info, String name, LogSource logsource, List<String> rules, Node condition)
            implements SigmaRule {
    }
}
