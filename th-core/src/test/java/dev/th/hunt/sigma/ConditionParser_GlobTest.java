package dev.th.hunt.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.hunt.match.Node;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The name patterns of {@code 1 of} / {@code all of}: {@code *} for any run of characters, matched
 * without regular expressions (a pattern of 90 stars, found by the condition fuzzer, backtracked
 * for minutes as a regular expression).
 */
class ConditionParser_GlobTest {

    @Test
    void starsStandForAnyRun() {
        assertTrue(ConditionParser.glob("selection_*", "selection_img"));
        assertTrue(ConditionParser.glob("*_img", "selection_img"));
        assertTrue(ConditionParser.glob("s*l*n*g", "selection_img"));
        assertTrue(ConditionParser.glob("**", ""));
        assertFalse(ConditionParser.glob("sel*x", "selection"));
        assertFalse(ConditionParser.glob("selection", "selection_img"));
        assertFalse(ConditionParser.glob("Selection*", "selection"));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard, not a speed target
    void aPatternOfManyStarsIsRefusedOrMatchedWithoutBacktracking() throws RuleException {
        Map<String, Node> ids = Map.of("selection_img", ev -> true, "filter_main", ev -> true);
        String stars = "*".repeat(90);
        RuleException e = org.junit.jupiter.api.Assertions.assertThrows(RuleException.class,
                () -> ConditionParser.parse("1 of selection" + stars + "_x and not 1 of filt*", ids));
        assertTrue(e.getMessage().contains("matches no search identifier"), e.getMessage());
        assertEquals(Node.Not.class, ((Node.And) ConditionParser.parse("1 of selection" + stars + "_*g and not 1 of filt*", ids))
                .parts()[1].getClass());
    }
}
