package dev.th.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.hunt.ioa.Hunter;
import dev.th.hunt.ioa.IoaFactory;
import dev.th.hunt.match.RuleRegex;
import dev.th.hunt.match.ValueTest;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Sigma {@code re} values cannot stall a hunt: RE2/J where RE2 takes the pattern, a time-bounded
 * java.util.regex where it does not, and a rule cut off is reported with the events it missed.
 */
class RuleRegexTest {
    private static final String FORTY = "powershell.exe -nop -w hidden -e aaaaaaa";

    @Test
    void catastrophicBacktrackingIsCutOffAndReported() {
        assertEquals(40, FORTY.length());
        assertTrue(FORTY.indexOf('b') < 0 && FORTY.indexOf('c') < 0, "the value cannot match");
        RuleSet set = TestRules.load(TestRules.procRule("    sel:\n        CommandLine|re: '(.*){1,32000}[bc]'\n    condition: sel"));
        assertEquals(List.of(), set.problems());
        List<Object> found = new ArrayList<>();
        Hunter hunter = new Hunter(set::compile, IoaFactory.standard(), Instant.EPOCH, found::addAll);
        RawEvent hostile = TestRules.sysmon1("CommandLine", FORTY, "Image", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        // java.util.regex alone runs for hours on this value; the bound ends each try after 100 ms
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            hunter.event("c1", hostile);
            hunter.event("c2", hostile);
            hunter.event("c2", TestRules.sysmon1("CommandLine", "x"));
        });
        hunter.finish();
        assertEquals(List.of(), found, "a cut-off rule gives no IoA");
        assertEquals(1, hunter.cutOffs().size(), hunter.cutOffs().toString());
        Matcher.CutOff c = hunter.cutOffs().get(0);
        assertEquals("11111111-2222-4333-8444-555555555555", c.rule().id());
        assertEquals(2, c.events(), "both hostile events, of two clients; the short value finished in time");
        assertTrue(c.toString().contains("(.*){1,32000}[bc]") && c.toString().contains("cut off on 2 events"), c.toString());
    }

    @Test
    void nestedQuantifiersRunOnRe2InLinearTime() {
        // (a+)+$ over 40 a's and a '!' backtracks 2^40 ways in java.util.regex
        ValueTest t = RuleRegex.compile("(a+)+$", false, false, false);
        assertInstanceOf(RuleRegex.Linear.class, t);
        String hostile = "a".repeat(40) + "!";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(t.test(hostile, hostile)));
        assertTrue(t.test("xaaa", "xaaa"));
    }

    @Test
    void lookaroundRunsOnJavaWithinItsBound() {
        ValueTest t = RuleRegex.compile("(?<!foo)bar", false, false, false);
        RuleRegex.Bounded b = assertInstanceOf(RuleRegex.Bounded.class, t);
        assertFalse(b.why().isBlank(), "RE2 says why it refused");
        assertTrue(t.test("xbar", "xbar"));
        assertFalse(t.test("foobar", "foobar"));
        ValueTest back = RuleRegex.compile("(\\w+) \\1", true, false, false);
        assertTrue(back.test("Net net", "net net"));
        assertFalse(back.test("net use", "net use"));
    }

    @Test
    void flagsMeanTheSameOnRe2() {
        assertFalse(RuleRegex.compile("WHOAMI", false, false, false).test("whoami", ""));
        assertTrue(RuleRegex.compile("WHOAMI", true, false, false).test("whoami", ""));
        assertFalse(RuleRegex.compile("^b$", false, false, false).test("a\nb", ""));
        assertTrue(RuleRegex.compile("^b$", false, true, false).test("a\nb", ""));
        assertFalse(RuleRegex.compile("a.b", false, false, false).test("a\nb", ""));
        assertTrue(RuleRegex.compile("a.b", false, false, true).test("a\nb", ""));
    }

    /**
     * Every {@code re} value of the SigmaHQ rules runs on RE2/J, and RE2/J answers as
     * java.util.regex does on every field value of every regression pair's log.
     */
    @Test
    void everySigmaHqRegexRunsOnRe2AndAgreesWithJava() throws IOException {
        Path sigma = SharedData.require("sigma");
        List<String[]> patterns = new ArrayList<>(); // pattern, modifiers, field
        try (Stream<Path> files = Files.walk(sigma)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                String text = Files.readString(f);
                if (!text.contains("|re")) {
                    continue;
                }
                for (Object doc : new Yaml(new LoaderOptions()).loadAll(text)) {
                    collect(doc, patterns);
                }
            }
        }
        assertTrue(patterns.size() >= 100, "SigmaHQ re values found: " + patterns.size());
        // the values of the fields SigmaHQ's re values test, in every regression pair's log
        java.util.Set<String> fields = new java.util.HashSet<>();
        patterns.forEach(p -> fields.add(p[2]));
        List<String> values = new ArrayList<>();
        for (SigmaRegressionTest.Pair p : SigmaRegressionTest.pairs()) {
            for (RawEvent e : SigmaRegressionTest.events(p.dir())) {
                for (Map.Entry<String, String> f : e.fields().entrySet()) {
                    if (fields.contains(f.getKey()) && f.getValue() != null && !f.getValue().isEmpty()) {
                        values.add(f.getValue());
                    }
                }
            }
        }
        values = values.stream().distinct().toList();
        assertTrue(values.size() > 100, "field values: " + values.size());
        int matches = 0;
        for (String[] p : patterns) {
            boolean i = p[1].contains("|i");
            boolean m = p[1].contains("|m");
            boolean s = p[1].contains("|s");
            ValueTest t = RuleRegex.compile(p[0], i, m, s);
            assertInstanceOf(RuleRegex.Linear.class, t, "RE2 refused SigmaHQ's '" + p[0] + "'");
            java.util.regex.Pattern j = java.util.regex.Pattern.compile(p[0],
                    (i ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0)
                            | (m ? java.util.regex.Pattern.MULTILINE : 0) | (s ? java.util.regex.Pattern.DOTALL : 0));
            for (String v : values) {
                boolean re2 = t.test(v, v);
                assertEquals(j.matcher(v).find(), re2, "'" + p[0] + "' on '" + v + "'");
                matches += re2 ? 1 : 0;
            }
        }
        assertTrue(matches > 0, "some pattern matched some value");
        System.out.printf("%d SigmaHQ re values on RE2/J, %d distinct values of %d fields: %d matches, all as java.util.regex%n",
                patterns.size(), values.size(), fields.size(), matches);
    }

    private static void collect(Object node, List<String[]> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (List.of(key.split("\\|")).contains("re")) {
                    String mods = key.substring(key.indexOf('|'));
                    String field = key.substring(0, key.indexOf('|'));
                    if (e.getValue() instanceof List<?> l) {
                        l.forEach(v -> out.add(new String[] {String.valueOf(v), mods, field}));
                    } else {
                        out.add(new String[] {String.valueOf(e.getValue()), mods, field});
                    }
                } else {
                    collect(e.getValue(), out);
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        }
    }
}
