package dev.th.hunt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every SigmaHQ rule under rules/windows, rules-threat-hunting and rules-emerging-threats loads
 * or is listed with a reason; the number loaded does not fall below what was measured.
 */
class SigmaHqLoadTest {
    /** Measured on SigmaHQ @ 8eaafff: see docs/sigma.md. */
    static final int WINDOWS_FLOOR = 2399;
    static final int ALL_FLOOR = 2841;

    @Test
    void everyRuleLoadsOrHasAReason() throws Exception {
        Path root = SharedData.require("sigma");
        List<Path> folders = List.of(root.resolve("rules/windows"), root.resolve("rules-threat-hunting"),
                root.resolve("rules-emerging-threats"));
        long files;
        try (Stream<Path> s = folders.stream().flatMap(f -> {
            try {
                return Files.walk(f);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            files = s.filter(f -> f.toString().endsWith(".yml")).count();
        }
        long t0 = System.nanoTime();
        RuleSet set = RuleSet.load(folders);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Long> reasons = set.problems().stream()
                .collect(Collectors.groupingBy(p -> p.reason().replaceAll("'[^']*'", "'…'"), TreeMap::new, Collectors.counting()));
        System.out.printf("SigmaHQ: %d files, %d loaded, %d not loaded, %d ms%n", files, set.loaded().size(),
                set.problems().size(), ms);
        reasons.forEach((r, n) -> System.out.printf("  %4d  %s%n", n, r));
        set.problems().forEach(p -> System.out.println("    " + p));
        for (RuleProblem p : set.problems()) {
            assertTrue(p.reason() != null && p.reason().length() > 10, "problem without a reason: " + p);
            assertFalse(p.reason().startsWith("unexpected"), "an internal error, not a reason: " + p);
        }
        assertTrue(set.loaded().size() + set.problems().size() >= files, "every file accounted for");
        assertTrue(set.loaded().size() >= ALL_FLOOR, "loaded " + set.loaded().size() + " < floor " + ALL_FLOOR);
        RuleSet windows = RuleSet.load(List.of(root.resolve("rules/windows")));
        System.out.printf("rules/windows: %d loaded, %d not loaded%n", windows.loaded().size(), windows.problems().size());
        assertTrue(windows.loaded().size() >= WINDOWS_FLOOR, "windows loaded " + windows.loaded().size());
    }
}
