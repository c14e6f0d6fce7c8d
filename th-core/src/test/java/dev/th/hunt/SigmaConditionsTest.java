package dev.th.hunt;

import static dev.th.hunt.TestRules.fires;
import static dev.th.hunt.TestRules.procRule;
import static dev.th.hunt.TestRules.sysmon1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import org.junit.jupiter.api.Test;

/** Conditions: and/or/not, 1 of / all of with patterns and them, parentheses, lists of maps. */
class SigmaConditionsTest {
    static final String IDS = "    sel_a:\n        Image|endswith: '\\a.exe'\n"
            + "    sel_b:\n        CommandLine|contains: 'bee'\n"
            + "    filter_c:\n        User: 'admin'\n"
            + "    _private:\n        Image|endswith: '\\z.exe'\n";

    static boolean when(String condition, RawEvent e) {
        return fires(procRule(IDS + "    condition: " + condition), e);
    }

    static final RawEvent A = sysmon1("Image", "C:\\a.exe", "CommandLine", "x", "User", "bob");
    static final RawEvent AB = sysmon1("Image", "C:\\a.exe", "CommandLine", "bee", "User", "bob");
    static final RawEvent AC = sysmon1("Image", "C:\\a.exe", "CommandLine", "x", "User", "admin");
    static final RawEvent Z = sysmon1("Image", "C:\\z.exe", "CommandLine", "x", "User", "bob");

    @Test
    void andOrNot() {
        assertTrue(when("sel_a and sel_b", AB));
        assertFalse(when("sel_a and sel_b", A));
        assertTrue(when("sel_a or sel_b", A));
        assertTrue(when("sel_a and not filter_c", A));
        assertFalse(when("sel_a and not filter_c", AC));
        assertTrue(when("not sel_b", A));
    }

    @Test
    void precedenceAndParentheses() {
        // and binds tighter than or: sel_b or (sel_a and filter_c)
        assertTrue(when("sel_b or sel_a and filter_c", AC));
        assertFalse(when("(sel_b or sel_a) and filter_c", A));
        assertTrue(when("(sel_b or sel_a) and not filter_c", A));
        assertFalse(when("not (sel_a or sel_b)", A));
    }

    @Test
    void ofPatternsAndThem() {
        assertTrue(when("1 of sel_*", A));
        assertFalse(when("all of sel_*", A));
        assertTrue(when("all of sel_*", AB));
        assertTrue(when("1 of sel_* and not 1 of filter_*", A));
        assertFalse(when("1 of sel_* and not 1 of filter_*", AC));
        assertTrue(when("1 of them", A));
        // them leaves out identifiers starting with '_'
        assertFalse(when("1 of them", Z));
        assertTrue(when("1 of _priv*", Z));
        assertFalse(when("all of them", AB));
    }

    @Test
    void listOfMapsIsOr() {
        String rule = procRule("    selection:\n        - Image|endswith: '\\a.exe'\n        - CommandLine: 'bee'\n"
                + "    condition: selection");
        assertTrue(fires(rule, A));
        assertTrue(fires(rule, sysmon1("Image", "x", "CommandLine", "bee")));
        assertFalse(fires(rule, Z));
    }

    @Test
    void conditionListIsOr() {
        String rule = procRule(IDS + "    condition:\n        - sel_b\n        - filter_c");
        assertTrue(fires(rule, AC));
        assertFalse(fires(rule, A));
    }

    @Test
    void badConditionsAreProblems() {
        for (String[] c : new String[][] {
                {"sel_a and", "ends too early"},
                {"sel_a and missing", "'missing' is not a search identifier"},
                {"(sel_a or sel_b", "missing ')'"},
                {"1 of nothing*", "matches no search identifier"},
                {"sel_a | count() > 5", "obsolete"},
                {"sel_*", "patterns go after"}}) {
            RuleSet set = TestRules.load(procRule(IDS + "    condition: " + c[0]));
            assertEquals(0, set.loaded().size(), c[0]);
            assertTrue(set.problems().get(0).reason().contains(c[1]), c[0] + " -> " + set.problems());
        }
    }
}
