package dev.th.hunt.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In-memory IoC matching (th hunt on files) on the events of the PsExec sample. */
class IocMatcherTest {

    @Test
    void matchesTheMd5OfPsExecInTheSample() throws Exception {
        Path evtx = Path.of("..", "samples", "evtx", "ID11_13_17_18-PSexec_as_system_execution.evtx");
        List<RawEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(evtx)) {
            new EvtxReader().read(in, evtx.toString(), "h", new EventSink() {
                @Override
                public void accept(RawEvent event) {
                    events.add(event);
                }

                @Override
                public void reject(long offset, long records, String reason) {
                    throw new AssertionError(reason);
                }
            });
        }
        IocMatcher m = new IocMatcher(IocList.parse(List.of(
                "9321C107D1F7E336CDA550A2BF049108",     // PsExec64.exe, record 48593 (Sysmon 1 Hashes)
                "F5AE03DE0AD60F5B17B82F2CD68402FE",     // cmd.exe started by PSEXESVC.exe, record 48606
                "10.23.42.38"), "t"));                  // only in QueryResults of the DNS query: no RemoteIp
        Normalizer n = new Normalizer();
        List<String> hits = new ArrayList<>();
        for (RawEvent e : events) {
            for (IocMatcher.Match x : m.match(n.normalize(e, "default"))) {
                hits.add(e.recordId() + " " + x.column() + " " + x.indicator().value());
            }
        }
        assertEquals(List.of("48593 ChildMd5 9321c107d1f7e336cda550a2bf049108",
                "48606 ChildMd5 f5ae03de0ad60f5b17b82f2cd68402fe"), hits);
    }

    @Test
    void domainsMatchThemselvesAndTheirSubdomainsOnly() {
        IocMatcher m = new IocMatcher(IocList.parse(List.of("domain:hotelesms.com"), "t"));
        assertEquals(1, m.match(new CanonicalEvent().set(Column.QueryName, "hotelesms.com")).size());
        assertEquals(1, m.match(new CanonicalEvent().set(Column.QueryName, "CDN.HotelesMS.com.")).size());
        assertEquals(0, m.match(new CanonicalEvent().set(Column.QueryName, "nothotelesms.com")).size());
        assertEquals(0, m.match(new CanonicalEvent().set(Column.QueryName, "hotelesms.com.evil.net")).size());
    }
}
