package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OTRF zips read with the record counts and Channel|EventID counts of reference-counts.json. */
class JsonLinesReader_OtrfTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "otrf/psh_lsass_memory_dump_comsvcs.zip",
        "otrf/purplesharp_pe_injection_createremotethread.zip",
        "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip"})
    void zipMembersReadWithReferenceCounts(String zip) throws Exception {
        Path zipPath = SharedData.require(zip);
        JsonNode ref = new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile())
                .get("otrf_json_zips").get(zip);
        Map<String, JsonNode> members = new TreeMap<>();
        ref.get("members").forEach(m -> members.put(m.get("name").asText(), m));

        int seen = 0;
        try (InputStream file = Files.newInputStream(zipPath); ZipInputStream in = new ZipInputStream(file)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                JsonNode m = members.get(entry.getName());
                assertTrue(m != null, "member not in reference: " + entry.getName());
                seen++;
                CollectingSink sink = new CollectingSink();
                new JsonLinesReader().read(in, zip + "!/" + entry.getName(), "h", sink);

                assertEquals(m.get("events").asInt(), sink.events.size(), "events of " + entry.getName());
                assertEquals(m.get("bad_lines").asInt(), sink.rejections.size(), "rejections " + sink.rejections);
                Map<String, Integer> expected = new TreeMap<>();
                m.get("by_channel_eventid").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asInt()));
                assertEquals(expected, sink.byChannelEventId());

                // the Sysmon 1 samples of the reference are among the events, field for field
                Set<String> sampleGuids = new HashSet<>();
                m.get("sysmon_eid1_samples").forEach(s -> sampleGuids.add(s.get("ProcessGuid").asText()));
                int found = 0;
                for (RawEvent e : sink.events) {
                    if (e.eventId() == 1 && sampleGuids.contains(e.field("ProcessGuid"))) {
                        for (JsonNode s : m.get("sysmon_eid1_samples")) {
                            if (s.get("ProcessGuid").asText().equals(e.field("ProcessGuid"))) {
                                assertEquals(s.get("Image").asText(), e.field("Image"));
                                assertEquals(s.get("CommandLine").asText(), e.field("CommandLine"));
                                assertEquals(s.get("ParentImage").asText(), e.field("ParentImage"));
                            }
                        }
                        found++;
                    }
                }
                assertEquals(sampleGuids.size(), found, "Sysmon 1 samples found");
                // record ids are the line numbers, unique in the member
                assertEquals(sink.events.size(), sink.events.stream().mapToLong(RawEvent::recordId).distinct().count());
            }
        }
        assertEquals(members.size(), seen);
    }
}
