package dev.th.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Global filters (filter: documents) suppress the rules they name. */
class SigmaFiltersTest {
    static final String RULE = TestRules.procRule("    selection:\n        Image|endswith: '\\rar.exe'\n    condition: selection");
    static final String FILTER = """
            title: Filter admins
            logsource:
                category: process_creation
                product: windows
            filter:
                rules:
                    - 11111111-2222-4333-8444-555555555555
                selection:
                    User|startswith: 'adm_'
                condition: selection
            """;

    @Test
    void filterSuppressesMatchingEvents() {
        RuleSet set = TestRules.load(RULE + "---\n" + FILTER);
        assertEquals(List.of(), set.problems());
        assertEquals(2, set.loaded().size());
        Matcher m = set.compile();
        assertEquals(1, TestRules.hits(m, List.of(TestRules.sysmon1("Image", "C:\\rar.exe", "User", "bob"))).size());
        assertEquals(0, TestRules.hits(m, List.of(TestRules.sysmon1("Image", "C:\\rar.exe", "User", "ADM_bob"))).size());
    }

    @Test
    void filterOfUnknownRuleIsReported() {
        RuleSet set = TestRules.load(FILTER);
        assertTrue(set.problems().get(0).reason().contains("11111111-2222-4333-8444-555555555555"));
    }
}
