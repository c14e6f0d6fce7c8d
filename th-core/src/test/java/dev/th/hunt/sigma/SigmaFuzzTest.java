package dev.th.hunt.sigma;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.th.hunt.RuleProblem;
import dev.th.hunt.match.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the Sigma parser (YAML documents, detection, correlation and
 * filter rules, modifiers, the schema check) and of the condition parser alone. Seeds: TH's own
 * rules, one SigmaHQ rule and a correlation written for this test (see
 * {@code src/test/resources/fuzz-seeds.md}). What must hold for any text: a rule that cannot load
 * is a {@link RuleProblem} that says why in the parser's words, never an internal exception
 * (the parser reports those as "unexpected: ..."), and the condition parser only throws
 * {@link RuleException}.
 */
class SigmaFuzzTest {
    private static final Map<String, Node> IDS = new LinkedHashMap<>();

    static {
        for (String id : List.of("selection", "selection_img", "selection_cli", "filter", "filter_main",
                "filter_optional", "a", "b", "c", "keywords")) {
            IDS.put(id, ev -> true);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void rule(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        List<SigmaRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        SigmaParser.parse("fuzz.yml", text, rules::add, problems::add);
        for (RuleProblem p : problems) {
            assertNotNull(p.reason());
            assertFalse(p.reason().isBlank(), "a problem without a reason");
            assertFalse(p.reason().startsWith("unexpected: "), p.reason());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void condition(byte[] data) {
        try {
            assertNotNull(ConditionParser.parse(new String(data, StandardCharsets.UTF_8), IDS));
        } catch (RuleException e) {
            assertNotNull(e.getMessage());
        }
    }
}
