package dev.th.hunt.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The automaton finds exactly what indexOf finds, on random texts over a small alphabet. */
class AhoCorasickTest {
    @Test
    void findsEveryOccurrenceLikeIndexOf() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 1 + rnd.nextInt(30); i++) {
                patterns.add(random(rnd, 1 + rnd.nextInt(5)));
            }
            String text = random(rnd, rnd.nextInt(60));
            AhoCorasick ac = new AhoCorasick(patterns);
            TreeSet<String> found = new TreeSet<>();
            ac.search(text, (p, end) -> found.add(p + "@" + end));
            TreeSet<String> expected = new TreeSet<>();
            for (int p = 0; p < patterns.size(); p++) {
                for (int at = text.indexOf(patterns.get(p)); at >= 0; at = text.indexOf(patterns.get(p), at + 1)) {
                    expected.add(p + "@" + (at + patterns.get(p).length()));
                }
            }
            assertEquals(expected, found, patterns + " in " + text);
        }
    }

    private static String random(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("ab\\.é".charAt(rnd.nextInt(5)));
        }
        return b.toString();
    }
}
