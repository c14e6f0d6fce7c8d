package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.hunt.Matcher;
import dev.th.hunt.RuleSet;
import dev.th.testing.SharedData;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Defender writes its EventData names with spaces ({@code Threat Name}, {@code Source Name},
 * {@code Process Name}); SigmaHQ's Defender rules name them without ({@code ThreatName},
 * {@code SourceName}, {@code ProcessName}). The events are an Event Viewer "Save as XML" of a
 * forwarded Defender log (test resource {@code defender-forwarded.xml}, written by hand after
 * Defender's 1116 and 1119 events, with RenderingInfo): a 1116 from AMSI, a 1119 failing to
 * quarantine the EICAR file RedSun plants, the same 1119 forwarded with unnamed Data from another
 * machine, and one more 1119 of another threat. The rules are SigmaHQ's own, from ../shared/data/sigma.
 */
class Defender_SigmaFieldNamesTest {
    private static final String AMSI_RULE = "rules/windows/builtin/windefend/win_defender_malware_detected_amsi_source.yml";
    private static final String REDSUN_RULE =
            "rules-emerging-threats/2026/Exploits/RedSun/win_defender_exploit_redsun_tiering_engine_detected_as_eicar.yml";

    private static List<RawEvent> events;

    @BeforeAll
    static void read() throws URISyntaxException {
        Path xml = Path.of(Defender_SigmaFieldNamesTest.class.getResource("defender-forwarded.xml").toURI());
        ExportReads r = ExportReads.of(xml);
        assertEquals(List.of(Format.WINDOWS_XML), r.formats);
        assertEquals(List.of(), r.rejects);
        assertEquals(List.of(), r.warnings);
        events = r.events;
        assertEquals(4, events.size());
    }

    /** The record ids of the events the rule fires on. */
    private static List<Long> firing(String rule) {
        RuleSet set = RuleSet.load(List.of(SharedData.require("sigma").resolve(rule)));
        assertEquals(List.of(), set.problems());
        assertEquals(1, set.loaded().size());
        Matcher m = set.compile();
        List<Long> ids = new ArrayList<>();
        for (RawEvent e : events) {
            m.match(e, hit -> ids.add(e.recordId()));
        }
        return ids;
    }

    @Test
    void sourceNameOfTheAmsiRuleReadsSourceNameWithItsSpace() {
        assertEquals(List.of(4711L), firing(AMSI_RULE)); // the 1119s come from Real-Time Protection
    }

    @Test
    void threatNameOfTheRedSunRuleReadsThreatNameWithItsSpace() {
        // 4712 named, 88213 forwarded with unnamed Data (named by TH's table); 88214 is another threat
        assertEquals(List.of(4712L, 88213L), firing(REDSUN_RULE));
    }

    @Test
    void theOriginalNamesStayInTheFields() {
        for (RawEvent e : events) {
            assertTrue(e.fields().containsKey("Threat Name"), e.fields().keySet().toString());
            assertTrue(e.fields().containsKey("Source Name"));
            assertTrue(e.fields().containsKey("Process Name"));
            assertFalse(e.fields().containsKey("ThreatName"));
            assertNull(e.field("Data"), "every Data is named");
        }
        RawEvent forwarded = events.get(2);
        assertEquals("PC02.example.corp", forwarded.computer());
        assertEquals("Virus:DOS/EICAR_Test_File", forwarded.field("Threat Name"));
        assertEquals("Real-Time Protection", forwarded.field("Source Name"));
        assertEquals("Error", forwarded.field("RenderingInfo_Level"));
        assertTrue(forwarded.field("Message").startsWith("Microsoft Defender Antivirus has encountered a critical error"));
    }
}
