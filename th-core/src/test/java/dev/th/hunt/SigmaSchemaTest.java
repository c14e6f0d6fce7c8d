package dev.th.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rules are checked against the JSON schemas' required fields and allowed values. */
class SigmaSchemaTest {
    static final String GOOD = "title: Good\nid: 11111111-2222-4333-8444-555555555555\nstatus: test\nlevel: high\n"
            + "date: 2024-01-31\ntags:\n    - attack.t1059\nlogsource:\n    category: process_creation\n    product: windows\n"
            + "detection:\n    sel:\n        Image: x\n    condition: sel\n";

    static String problem(String yaml) {
        RuleSet set = TestRules.load(yaml);
        assertEquals(0, set.loaded().size(), yaml);
        return set.problems().get(0).reason();
    }

    @Test
    void goodRuleLoadsWithItsMetadata() {
        RuleSet set = TestRules.load(GOOD);
        assertEquals(java.util.List.of(), set.problems());
        RuleInfo r = set.loaded().get(0);
        assertEquals("Good", r.title());
        assertEquals("high", r.level());
        assertEquals(java.util.List.of("attack.t1059"), r.tags());
    }

    @Test
    void violations() {
        assertTrue(problem(GOOD.replace("title: Good\n", "")).contains("'title' is required"));
        assertTrue(problem(GOOD.replace("level: high", "level: severe")).contains("'level' must be one of"));
        assertTrue(problem(GOOD.replace("status: test", "status: done")).contains("'status' must be one of"));
        assertTrue(problem(GOOD.replace("2024-01-31", "2024/01/31")).contains("'date' must be a date"));
        assertTrue(problem(GOOD.replace("attack.t1059", "Attack T1059")).contains("tag 'Attack T1059'"));
        assertTrue(problem(GOOD.replace("11111111-2222-4333-8444-555555555555", "not-a-uuid")).contains("'id' must be a UUID"));
        assertTrue(problem(GOOD.replace("    condition: sel\n", "")).contains("condition"));
        assertTrue(problem(GOOD.replace("detection:\n    sel:\n        Image: x\n    condition: sel\n", ""))
                .contains("'detection' is required"));
    }

    @Test
    void badYamlAndBadDocumentsDoNotStopTheOthers() {
        RuleSet set = TestRules.load(GOOD + "---\ntitle: [unclosed\n");
        assertEquals(1, set.problems().size(), set.problems().toString());
        assertTrue(set.problems().get(0).reason().startsWith("not valid YAML"));
        RuleSet two = TestRules.load(GOOD + "---\n" + GOOD.replace("11111111", "21111111").replace("level: high", "level: x"));
        assertEquals(1, two.loaded().size());
        assertEquals(1, two.problems().size());
    }

    @Test
    void logSourcesOutsideWindowsAreProblems() {
        assertTrue(problem(GOOD.replace("product: windows", "product: linux")).contains("not Windows"));
        assertTrue(problem(GOOD.replace("category: process_creation", "category: file_access")).contains("ETW"));
        assertTrue(problem(GOOD.replace("category: process_creation", "category: pancakes")).contains("'pancakes'"));
    }
}
