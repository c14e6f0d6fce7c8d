package dev.th.hunt.ioa;

import java.util.Locale;

/**
 * A Sigma rule's level, which sets an IoA's {@code severity}, {@code weight} and
 * {@code critical} columns.
 *
 * <p>Weight grows faster than linearly so that one high-level IoA outweighs a handful of
 * low ones when IoAs are summed per machine: informational 1, low 3, medium 5, high 8,
 * critical 10. {@code critical} is true only for level {@code critical}: Sigma reserves that
 * level for events that indicate an incident on their own, whereas {@code high} still asks for
 * review, so the flag stays rare and meaningful. A rule without a level (or with an unknown one)
 * counts as medium, the level Sigma's own guidance treats as the default for review.
 */
public enum Level {
    INFORMATIONAL(1), LOW(3), MEDIUM(5), HIGH(8), CRITICAL(10);

    private final int weight;

    Level(int weight) {
        this.weight = weight;
    }

    /** The IoA weight for this level. */
    public int weight() {
        return weight;
    }

    /** Whether IoAs of this level are flagged critical. */
    public boolean critical() {
        return this == CRITICAL;
    }

    /** The level as Sigma spells it (lower case): the IoA's {@code severity}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level named by a rule; medium when absent or unknown. */
    public static Level of(String sigmaLevel) {
        if (sigmaLevel == null) {
            return MEDIUM;
        }
        try {
            return valueOf(sigmaLevel.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return MEDIUM;
        }
    }
}
