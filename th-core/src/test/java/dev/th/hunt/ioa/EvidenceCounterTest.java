package dev.th.hunt.ioa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceCounterTest {

    private static Ioa ioa(String rule, String muid, String time) {
        return new Ioa(Instant.parse(time), "default", false, "{}", false, rule, rule + time, 0, "", muid, "high",
                "new", Instant.EPOCH, 8, rule, rule, "me", "f#1", "m", "h", 1);
    }

    @Test
    void countsOtherHitsOfTheSameRuleAndMachineWithinTheHourBefore() {
        List<Ioa> in = List.of(
                ioa("r1", "m1", "2021-01-01T10:00:00Z"),
                ioa("r1", "m1", "2021-01-01T10:30:00Z"),
                ioa("r1", "m1", "2021-01-01T11:00:00Z"),   // 10:00 is exactly one hour before: counted
                ioa("r1", "m1", "2021-01-01T11:00:01Z"),   // 10:00 is now out
                ioa("r1", "m2", "2021-01-01T10:31:00Z"),   // other machine
                ioa("r2", "m1", "2021-01-01T10:31:00Z"),   // other rule
                ioa("r1", "m1", "2021-01-01T09:00:00Z"));  // earlier, listed last
        List<Integer> counts = EvidenceCounter.count(in).stream().map(Ioa::lastHourEvidenceCount).toList();
        assertEquals(List.of(1, 1, 2, 2, 0, 0, 0), counts);
    }

    @Test
    void simultaneousHitsCountEachOther() {
        List<Ioa> in = List.of(ioa("r", "m", "2021-01-01T10:00:00Z"), ioa("r", "m", "2021-01-01T10:00:00Z"));
        assertEquals(List.of(1, 1), EvidenceCounter.count(in).stream().map(Ioa::lastHourEvidenceCount).toList());
    }
}
