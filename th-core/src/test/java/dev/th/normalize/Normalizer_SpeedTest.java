package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Throughput of normalize() on one thread (per second of this thread's CPU time) over the LSASS campaign's 53,698 real events (all
 * families; raw events included), events already in memory. Prints the figures; the floor
 * asserted is far below the target (1M events/s) so that a loaded machine does not fail it, yet
 * catches an accidental regex or per-field copy.
 */
class Normalizer_SpeedTest {
    @Test
    void throughputOnOneThread() throws IOException {
        List<RawEvent> events = TestEvents.otrfZip(SharedData.require(Normalizer_EventsTest.LSASS));
        Normalizer n = new Normalizer();
        long sink = 0;
        double best = 0;
        double bestMapping = 0;
        for (int round = 0; round < 8; round++) {
            long t0 = cpu();
            for (RawEvent e : events) {
                CanonicalEvent r = n.normalize(e, "default");
                sink += r.text(Column.Fields).length();
            }
            long t1 = cpu();
            double perSecond = events.size() / ((t1 - t0) / 1e9);
            best = Math.max(best, perSecond);
            // the mapping alone: rule lookup, field rules and logic, without the row's common columns and Fields JSON
            MappingTable table = MappingTable.standard();
            long t2 = cpu();
            for (RawEvent e : events) {
                EventRule rule = table.find(e.channel(), e.provider(), e.eventId());
                if (rule != null) {
                    CanonicalEvent r = new CanonicalEvent();
                    rule.apply(e, r);
                    sink += r.get(Column.Family).hashCode();
                }
            }
            long t3 = cpu();
            bestMapping = Math.max(bestMapping, events.size() / ((t3 - t2) / 1e9));
        }
        System.out.printf("normalize: %,.0f events per CPU-second (full row with Fields JSON); mapping alone: %,.0f events per CPU-second; %d events (%d)%n",
                best, bestMapping, events.size(), sink & 1);
        assertTrue(best > 20_000, "normalize() ran at " + best + " events/s");
        assertTrue(bestMapping > 100_000, "the mapping ran at " + bestMapping + " events/s");
    }

    @Test
    void throughputOnEvtxEvents() throws IOException {
        // EVTX events carry no rendered Message, so Fields is smaller than in the OTRF export
        List<RawEvent> events = TestEvents.evtx(SharedData.require("evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx"));
        Normalizer n = new Normalizer();
        long sink = 0;
        double best = 0;
        for (int round = 0; round < 200; round++) {
            long t0 = cpu();
            for (RawEvent e : events) {
                sink += n.normalize(e, "default").text(Column.Fields).length();
            }
            best = Math.max(best, events.size() / ((cpu() - t0) / 1e9));
        }
        System.out.printf("normalize on EVTX (Sysmon, %d events x 200): %,.0f events per CPU-second (%d)%n", events.size(), best, sink & 1);
        assertTrue(best > 20_000, "normalize() ran at " + best + " events/s");
    }

    /** This thread's CPU time (ns): other processes on a shared machine do not count. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
