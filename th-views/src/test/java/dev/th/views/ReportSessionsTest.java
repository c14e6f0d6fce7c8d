package dev.th.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.query.EngineProvider;
import dev.th.query.QueryEngine;
import dev.th.store.DuckDbStore;
import dev.th.testing.SharedData;
import dev.th.views.report.Report;
import dev.th.views.report.ReportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report's logon sessions on real logons: the WMI lateral movement target (six network
 * logons) and the Chrome logon sample (a service logon and a UAC pair of IEUser), checked
 * against the raw 4624 fields of the same events read with plain SQL (TargetLogonId,
 * TargetLinkedLogonId, LogonType, IpAddress, TargetUserName): a UAC pair is one session.
 */
class ReportSessionsTest {
    static final String WMI = "evtx/evtx-attack-samples/Lateral_Movement/LM_WMI_4624_4688_TargetHost.evtx";
    static final String CHROME = "evtx/evtx-attack-samples/Credential_Access/CA_4624_4625_LogonType2_LogonProc_chrome.evtx";
    /** One row per logon session from the raw fields: a UAC pair keyed by the smaller of its two ids. */
    static final String RAW = "SELECT MachineName AS m, json_extract_string(Fields, '$.TargetUserName') AS u,"
            + " json_extract_string(Fields, '$.LogonType') AS t, json_extract_string(Fields, '$.IpAddress') AS ip,"
            + " least(json_extract_string(Fields, '$.TargetLogonId'), coalesce(nullif(json_extract_string(Fields, '$.TargetLinkedLogonId'),"
            + " '0x0000000000000000'), json_extract_string(Fields, '$.TargetLogonId'))) AS k FROM events WHERE EventId = 4624";
    static Path dir;
    static List<Section> sections;

    @BeforeAll
    static void build() throws Exception {
        Path wmi = SharedData.require(WMI);
        Path chrome = SharedData.require(CHROME);
        dir = Files.createTempDirectory("th-report-sessions-");
        try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, "default")) {
            IngestReport r = ingest.run(List.of(wmi, chrome), new Sources(), Readers.defaults());
            assertEquals(0, r.rejected());
        }
        EngineProvider provider = ServiceLoader.load(EngineProvider.class).findFirst().orElseThrow();
        try (QueryEngine engine = provider.open(dir)) {
            sections = Report.build(engine, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                    ReportOptions.defaults()).sections();
        }
    }

    static JsonNode table(String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow().body().get("table");
    }

    static int col(JsonNode table, String name) {
        for (int i = 0; i < table.get("columns").size(); i++) {
            if (table.get("columns").get(i).asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + table.get("columns"));
    }

    @Test
    void sessions_per_logon_type_as_the_raw_4624s_count_them() {
        TreeMap<String, Long> expected = new TreeMap<>();
        for (Object[] r : StoreSql.rows(dir, "SELECT t, count(DISTINCT (m, k)) FROM (" + RAW + ") GROUP BY t")) {
            expected.put((String) r[0], ((Number) r[1]).longValue());
        }
        assertEquals(3, expected.size(), "types 2, 3 and 5 in the samples: " + expected);
        JsonNode t = table("Logon sessions by type");
        TreeMap<String, Long> shown = new TreeMap<>();
        for (JsonNode r : t.get("rows")) {
            shown.put(r.get(col(t, "LogonType")).asText(), r.get(col(t, "Sessions")).asLong());
        }
        assertEquals(expected, shown);
        long remote = StoreSql.count(dir, "SELECT count(DISTINCT (m, k)) FROM (" + RAW + ") WHERE ip NOT IN ('-', '::1', '127.0.0.1')");
        long shownRemote = 0;
        for (JsonNode r : t.get("rows")) {
            shownRemote += r.get(col(t, "Remote")).asLong();
        }
        assertEquals(remote, shownRemote);
        assertEquals(5, remote, "four from 10.0.2.17 and one from a link-local address");
    }

    @Test
    void each_session_listed_with_user_type_and_source_address() {
        List<String> expected = new ArrayList<>();
        for (Object[] r : StoreSql.rows(dir, "SELECT DISTINCT m, k, u, t, CASE WHEN ip = '-' THEN '' ELSE ip END FROM (" + RAW + ")")) {
            expected.add(r[2] + "|" + r[3] + "|" + r[4]);
        }
        JsonNode t = table("Logon sessions");
        List<String> shown = new ArrayList<>();
        for (JsonNode r : t.get("rows")) {
            String user = r.get(col(t, "LoggedUser")).asText();
            shown.add(user.substring(user.indexOf('\\') + 1) + "|" + r.get(col(t, "LogonType")).asText() + "|"
                    + r.get(col(t, "RemoteIp")).asText());
            assertTrue(r.get(col(t, "Duration")).asText().equals("no end logged"), "no logoff in these samples: " + r);
        }
        expected.sort(null);
        shown.sort(null);
        assertEquals(expected, shown);
        String first = t.get("rows").get(0).get(col(t, "RemoteIp")).asText();
        assertTrue(first.equals("10.0.2.17") || first.startsWith("fe80:"), "remote sessions first: " + first);
    }
}
