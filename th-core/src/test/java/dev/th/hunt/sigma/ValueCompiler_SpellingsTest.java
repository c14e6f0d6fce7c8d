package dev.th.hunt.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCompiler_SpellingsTest {

    @Test
    void aSecondWindashAddsNoSpelling() throws Exception {
        // the sigma fuzzer's rule (SigmaFuzzTestInputs/rule/timeout-windash-chain.yml): before, the second
        // windash expanded every spelling of the first again and loading the rule took over 14 s
        String value = "-a -b -c -d";
        List<String> once = ValueCompiler.spellings("t", List.of("windash", "wide"), value);
        List<String> twice = ValueCompiler.spellings("t", List.of("windash", "wide", "windash"), value);
        int dashSpellings = "-/\u2013\u2014\u2015".length();
        assertEquals((int) Math.pow(dashSpellings, 4), once.size(), "each of the 4 dashes in each of its spellings");
        assertEquals(once, twice);
    }
}
