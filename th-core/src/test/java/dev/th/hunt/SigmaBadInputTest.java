package dev.th.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Malformed rules give a clear reason naming what is wrong, never an internal error. */
class SigmaBadInputTest {
    static final String HEAD = "title: t\nlogsource:\n    category: process_creation\n    product: windows\n";

    static String reason(String yaml) {
        RuleSet set = TestRules.load(yaml);
        assertEquals(0, set.loaded().size(), yaml);
        assertEquals(1, set.problems().size(), yaml);
        String r = set.problems().get(0).reason();
        assertFalse(r.startsWith("unexpected"), r);
        return r;
    }

    @Test
    void oddShapes() {
        assertTrue(reason(HEAD + "detection: [1, 2]\n").contains("'detection' must be a map"));
        assertTrue(reason(HEAD + "detection:\n    sel: 5\n    condition: sel\n").contains("search identifier 'sel'"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Image:\n            a: b\n    condition: sel\n")
                .contains("not a map"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Image: []\n    condition: sel\n").contains("empty list"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Image: x\n    condition: 5\n").contains("condition"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Image|re: '(unclosed'\n    condition: sel\n")
                .contains("bad regular expression '(unclosed'"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Ip|cidr: '10.0.0.0/99'\n    condition: sel\n")
                .contains("prefix length"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Pid|gt: 'many'\n    condition: sel\n").contains("needs a number"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Image|base64: 'a*b'\n    condition: sel\n")
                .contains("cannot encode a value with wildcards"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Image|contains|all: 'one'\n    condition: sel\n")
                .contains("'all' on a single value"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Image|exists: maybe\n    condition: sel\n")
                .contains("'exists' takes one value"));
        assertTrue(reason(HEAD + "detection:\n    sel:\n        Image||contains: x\n    condition: sel\n")
                .contains("empty modifier"));
        assertTrue(reason("- just\n- a list\n").contains("must be a YAML map"));
        assertTrue(reason(HEAD + HEAD.substring(0, 9) + "detection:\n    sel:\n        Image: x\n    condition: sel\n")
                .startsWith("not valid YAML"));
    }

    @Test
    void badCorrelations() {
        String c = "title: c\ncorrelation:\n    type: event_count\n    rules: [x]\n    timespan: 5m\n    condition:\n        gte: 2\n";
        assertTrue(reason(c.replace("5m", "5 minutes")).contains("timespan '5 minutes'"));
        // found by fuzzing (sigma, 2026-12-04): a 'related' entry without a type threw NullPointerException (Set.of refuses null)
        assertTrue(reason(c.replace("title: c\n", "title: c\nrelated:\n    - id: 929a8fa1-6d3c-4d4d-9e8a-0d2a1d9c8e11\n"))
                .contains("'related' entries need an id and a type"));
        // found by fuzzing (sigma, 2026-12-04): a span past long's range threw NumberFormatException
        assertTrue(reason(c.replace("5m", "8888888888888888888888888882d")).contains("is longer than 36500 days"));
        assertTrue(reason(c.replace("5m", "106751991167301d")).contains("is longer than 36500 days"));
        assertTrue(reason(c.replace("5m", "36501d")).contains("is longer than 36500 days"));
        assertTrue(reason(c.replace("5m", "876000h")).contains("names rules that were not loaded: x"));
        assertTrue(reason(c.replace("gte: 2", "about: 2")).contains("unknown operator 'about'"));
        assertTrue(reason(c.replace("event_count", "value_count")).contains("needs 'field'"));
        assertTrue(reason(c.replace("event_count", "sometimes")).contains("'correlation.type' must be one of"));
        assertTrue(reason(c.replace("    condition:\n        gte: 2\n", "")).contains("needs a condition"));
        assertTrue(reason(c).contains("names rules that were not loaded: x"));
    }
}
