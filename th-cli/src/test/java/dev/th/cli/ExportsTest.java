package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Every export of a real answer read back by an independent reader (Jackson for JSON, Apache
 * Commons CSV for CSV) and compared, field by field, with the same answer as {@code --format json}.
 */
class ExportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] EXECUTIONS = {"machine", "WORKSTATION5", "executions", "--period", "all"};
    private static final Pattern TECHNIQUE = Pattern.compile("(?:^|;\\s*)(T\\d{4}(?:\\.\\d{3})?)\\b");

    static Run export(String format, String... question) {
        List<String> args = new ArrayList<>(List.of(question));
        args.add("--format");
        args.add(format);
        Run r = AskStore.th(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r::toString);
        return r;
    }

    static List<JsonNode> lines(Run r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    static List<CSVRecord> csv(String text) throws IOException {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
            return p.getRecords();
        }
    }

    static List<String> header(String text) throws IOException {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
            return p.getHeaderNames();
        }
    }

    @Test
    void jsonLinesHoldTheRowsOfTheJsonArray() throws IOException {
        JsonNode array = AskStore.json(EXECUTIONS);
        List<JsonNode> lines = lines(export("jsonl", EXECUTIONS));
        assertTrue(array.size() > 0);
        assertEquals(array.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(array.get(i), lines.get(i), "row " + i);
        }
    }

    @Test
    void csvRoundTripsEveryCell() throws IOException {
        JsonNode array = AskStore.json(EXECUTIONS);
        String text = export("csv", EXECUTIONS).out();
        assertEquals(AskStore.keys(array.get(0)), header(text));
        List<CSVRecord> records = csv(text);
        assertEquals(array.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            for (String column : header(text)) {
                JsonNode v = array.get(i).get(column);
                String expected = v.isNull() ? "" : v.asText();
                expected = formula(expected) ? "'" + expected : expected;
                assertEquals(expected, records.get(i).get(column), "row " + i + " " + column);
            }
        }
    }

    @Test
    void timesketchJsonlHasItsRequiredFieldsOnEveryRow() throws IOException {
        JsonNode array = AskStore.json(EXECUTIONS);
        List<JsonNode> lines = lines(export("timesketch", EXECUTIONS));
        assertEquals(array.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            JsonNode row = array.get(i);
            assertFalse(l.path("message").asText().isBlank(), l::toString);
            assertEquals("Event Time", l.path("timestamp_desc").asText());
            Instant when = Instant.parse(row.get("DateTime").asText());
            assertEquals(when, Instant.parse(l.path("datetime").asText()));
            assertEquals(ChronoUnit.MICROS.between(Instant.EPOCH, when), l.path("timestamp").asLong());
            assertTrue(l.path("message").asText().contains(row.get("ChildFilename").asText()), l::toString);
            assertEquals(row.get("CommandLine"), l.get("CommandLine"));
        }
    }

    @Test
    void timesketchCsvHasItsRequiredColumns() throws IOException {
        JsonNode array = AskStore.json(EXECUTIONS);
        String text = export("timesketch-csv", EXECUTIONS).out();
        assertEquals(List.of("message", "datetime", "timestamp_desc", "timestamp"), header(text).subList(0, 4));
        List<CSVRecord> records = csv(text);
        assertEquals(array.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(Instant.parse(array.get(i).get("DateTime").asText()), Instant.parse(records.get(i).get("datetime")));
            assertFalse(records.get(i).get("message").isBlank());
        }
    }

    @Test
    void timesketchOfAnAnswerWithoutTimesSaysWhatToDo() {
        Run r = AskStore.th("machine", "WORKSTATION5", "os_info", "--format", "timesketch");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("no time column") && r.err().contains("csv or jsonl"), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }

    @Test
    void ecsPutsEachColumnInItsField() throws IOException {
        JsonNode array = AskStore.json(EXECUTIONS);
        List<JsonNode> docs = lines(export("ecs", EXECUTIONS));
        assertEquals(array.size(), docs.size());
        for (int i = 0; i < docs.size(); i++) {
            JsonNode d = docs.get(i);
            JsonNode row = array.get(i);
            assertEquals(Instant.parse(row.get("DateTime").asText()), Instant.parse(d.path("@timestamp").asText()));
            assertEquals("8.11.0", d.at("/ecs/version").asText());
            assertEquals("event", d.at("/event/kind").asText());
            assertEquals("process", d.at("/event/category/0").asText());
            assertEquals(row.get("Muid").asText(), d.at("/host/id").asText());
            assertEquals(row.get("Operation").asText(), d.at("/event/action").asText());
            assertEquals(row.get("ChildFilename").asText(), d.at("/process/name").asText());
            assertEquals(row.get("ChildPid").asLong(), d.at("/process/pid").asLong());
            if (!row.get("CommandLine").isNull() && !row.get("CommandLine").asText().isEmpty()) {
                assertEquals(row.get("CommandLine").asText(), d.at("/process/command_line").asText());
            }
            if (!row.get("ParentFilename").isNull() && !row.get("ParentFilename").asText().isEmpty()) {
                assertEquals(row.get("ParentFilename").asText(), d.at("/process/parent/name").asText());
            }
        }
    }

    @Test
    void ecsOfConnectionsPutsTheRemoteEndByDirection() throws IOException {
        String[] q = {"machine", AskStore.IEWIN7_MUID, "communications", "--period", "all"};
        JsonNode array = AskStore.json(q);
        List<JsonNode> docs = lines(export("ecs", q));
        assertEquals(array.size(), docs.size());
        assertTrue(array.size() > 0);
        for (int i = 0; i < docs.size(); i++) {
            JsonNode row = array.get(i);
            boolean out = "Outgoing".equals(row.get("Direction").asText());
            assertEquals(out ? "egress" : "ingress", docs.get(i).at("/network/direction").asText());
            assertEquals(row.get("RemoteIp").asText(), docs.get(i).at(out ? "/destination/ip" : "/source/ip").asText());
            assertEquals("network", docs.get(i).at("/event/category/0").asText());
        }
    }

    @Test
    void navigatorLayerHasTheKeysOfFormat45AndOnlyShippedTechniques() throws IOException {
        JsonNode ioas = AskStore.json("ioa", "list");
        assertTrue(ioas.size() > 0, "the rule pack raised no IoA on the test store");
        Run r = export("navigator", "ioa", "list");
        JsonNode layer = JSON.readTree(r.out());
        for (String key : List.of("name", "versions", "domain", "description", "filters", "sorting", "layout", "hideDisabled",
                "techniques", "gradient", "legendItems", "showTacticRowBackground", "tacticRowBackground",
                "selectTechniquesAcrossTactics", "selectSubtechniquesWithParent", "selectVisibleTechniques", "metadata", "links")) {
            assertTrue(layer.has(key), "layer lacks " + key);
        }
        assertEquals("4.5", layer.at("/versions/layer").asText());
        assertEquals("enterprise-attack", layer.path("domain").asText());
        assertTrue(layer.at("/gradient/maxValue").asDouble() > layer.at("/gradient/minValue").asDouble());
        Set<String> attack = attackTable();
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode a : ioas) {
            Matcher m = TECHNIQUE.matcher(a.path("mitre").asText());
            while (m.find()) {
                if (attack.contains(m.group(1))) {
                    expected.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> scores = new TreeMap<>();
        for (JsonNode t : layer.path("techniques")) {
            String id = t.path("techniqueID").asText();
            assertTrue(attack.contains(id), id + " is not in ATT&CK v18.1");
            scores.put(id, t.path("score").asInt());
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, scores);
    }

    @Test
    void navigatorOfAnAnswerWithoutIoasSaysWhatToDo() {
        Run r = AskStore.th("machine", "WORKSTATION5", "executions", "--period", "all", "--format", "navigator");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("th ioa list"), r::toString);
    }

    @Test
    void mistypedFormatIsNamedWithTheClosest() {
        Run r = AskStore.th("machine", "WORKSTATION5", "executions", "--format", "jsnl");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("did you mean 'jsonl'?"), r::toString);
    }

    /** The ATT&CK ids of the shared data's own table (not TH's resource). */
    private static Set<String> attackTable() throws IOException {
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(SharedData.require("knowledge/attack-techniques.tsv"))) {
            String id = line.split("\t", 2)[0];
            if (id.matches("T\\d{4}(\\.\\d{3})?")) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** What Excel and Timeline Explorer would run as a formula (OWASP's list). */
    static boolean formula(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    }
}
