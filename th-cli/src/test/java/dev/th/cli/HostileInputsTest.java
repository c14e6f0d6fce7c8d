package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs through the real {@code th ingest} (picocli command, real DuckDB store, --report):
 * each one must end with a clear error naming where and why, while every good input beside it is
 * stored whole, and the report's accounting holds (read = stored + rejected + duplicates for every
 * input). The good input is the first lines of the OTRF sample shipped in {@code samples/json}
 * (each line one event: the count is the number of lines).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang is a failure, not a stuck build
class HostileInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("..", "samples", "json", "psh_lsass_memory_dump_comsvcs.zip").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path db;
    private Path report;

    @BeforeEach
    void paths() {
        db = dir.resolve("db");
        report = dir.resolve("report.json");
    }

    /** The first {@code n} lines (events) of the OTRF sample. */
    private static List<String> sampleLines(int n) throws IOException {
        try (ZipFile z = new ZipFile(SAMPLE.toFile())) {
            ZipEntry e = z.entries().nextElement();
            try (InputStream in = z.getInputStream(e)) {
                String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
                return new ArrayList<>(Arrays.asList(lines).subList(0, n));
            }
        }
    }

    private Path good(String name, int n) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", sampleLines(n)) + "\n");
        return f;
    }

    /** Runs th ingest over {@code inputs}; checks the exit code (unless -1) and every input's accounting. */
    private JsonNode ingest(int expectedExit, Path... inputs) throws IOException {
        List<String> args = new ArrayList<>(List.of("ingest", "--db", db.toString(), "--report", report.toString()));
        for (Path p : inputs) {
            args.add(p.toString());
        }
        Run run = Run.th(args.toArray(String[]::new));
        if (expectedExit >= 0) {
            assertEquals(expectedExit, run.exit(), run::toString);
        }
        JsonNode files = JSON.readTree(report.toFile()).get("files");
        for (JsonNode f : files) {
            assertEquals(f.get("read").asLong(), f.get("stored").asLong() + f.get("rejected").asLong()
                    + f.get("duplicates").asLong(), f::toString);
        }
        return files;
    }

    /** The report's entry for the input whose path ends with {@code suffix}. */
    private static JsonNode input(JsonNode files, String suffix) {
        for (JsonNode f : files) {
            if (f.get("path").asText().endsWith(suffix)) {
                return f;
            }
        }
        throw new AssertionError("no input ending with " + suffix + " in " + files);
    }

    private static String reasons(JsonNode f) {
        StringBuilder sb = new StringBuilder();
        f.get("errors").forEach(e -> sb.append(e.get("reason").asText()).append('\n'));
        return sb.toString();
    }

    private static void refused(JsonNode f, String why) {
        assertEquals(0, f.get("stored").asLong(), f::toString);
        assertTrue(reasons(f).contains(why), () -> "expected '" + why + "' in " + f);
    }

    private void storedWhole(JsonNode files, String suffix, int events) throws SQLException {
        JsonNode f = input(files, suffix);
        assertEquals(events, f.get("stored").asLong(), f::toString);
        assertEquals(0, f.get("rejected").asLong(), f::toString);
        assertEquals(events, StoreSql.count(db, "SELECT count(*) FROM events WHERE SourcePath LIKE ?", "%" + suffix));
    }

    private static void zip(Path zip, Object... nameAndBytes) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < nameAndBytes.length; i += 2) {
                out.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
                Object content = nameAndBytes[i + 1];
                if (content instanceof byte[] b) {
                    out.write(b);
                } else {
                    long zeros = (Long) content;
                    byte[] block = new byte[1 << 20];
                    for (long w = 0; w < zeros; w += block.length) {
                        out.write(block);
                    }
                }
                out.closeEntry();
            }
        }
    }

    private byte[] goodBytes(int n) throws IOException {
        return (String.join("\n", sampleLines(n)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aZipBombEntryIsRefusedByItsRatioAndTheOtherEntriesAreStored() throws Exception {
        Path zip = dir.resolve("bomb.zip");
        zip(zip, "good.json", goodBytes(5), "zeros.evtx", 200L << 20, "after.json", goodBytes(3));
        List<Path> spoolsBefore = spools();
        JsonNode files = ingest(2, zip);
        refused(input(files, "bomb.zip!/zeros.evtx"), "times its compressed size");
        storedWhole(files, "bomb.zip!/good.json", 5);
        storedWhole(files, "bomb.zip!/after.json", 3);
        List<Path> left = spools();
        left.removeAll(spoolsBefore);
        assertEquals(List.of(), left, "spooled copies left behind");
    }

    /** The spooled zip entries in the temporary folder now (other processes may have their own there). */
    private static List<Path> spools() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().startsWith("th-entry-")).toList());
        }
    }

    @Test
    void aZipOfTooManyEntriesIsRefusedWholeWithTheCount() throws Exception {
        Path zip = dir.resolve("many.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i <= 10_000; i++) {
                out.putNextEntry(new ZipEntry("e" + i + ".json"));
                out.closeEntry();
            }
        }
        JsonNode files = ingest(2, zip, good("beside.json", 4));
        refused(input(files, "many.zip"), "a zip of 10001 entries, more than the 10000");
        storedWhole(files, "beside.json", 4);
    }

    @Test
    void zipEntriesNamedOutsideTheArchiveAreRefusedAndNothingIsWrittenThere() throws Exception {
        Path zip = dir.resolve("crafted.zip");
        zip(zip, "../../escaped.json", goodBytes(2), "/tmp/absolute.json", goodBytes(2), "C:\\Windows\\drive.json", goodBytes(2),
                "logs/fine.json", goodBytes(3));
        JsonNode files = ingest(2, zip);
        refused(input(files, "crafted.zip!/../../escaped.json"), "climbs out of the archive with '../'");
        refused(input(files, "crafted.zip!//tmp/absolute.json"), "is an absolute path");
        refused(input(files, "crafted.zip!/C:\\Windows\\drive.json"), "is an absolute path");
        storedWhole(files, "crafted.zip!/logs/fine.json", 3);
        assertFalse(Files.exists(dir.getParent().getParent().resolve("escaped.json")));
        assertFalse(Files.exists(Path.of("/tmp/absolute.json")));
    }

    @Test
    void symlinkLoopsAndFifosInAFolderAreNamedAndTheFilesBesideThemStored() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("case"));
        good("case/host.json", 4);
        Files.createSymbolicLink(folder.resolve("self"), folder.resolve("self"));
        Files.createSymbolicLink(folder.resolve("a"), folder.resolve("b"));
        Files.createSymbolicLink(folder.resolve("b"), folder.resolve("a"));
        Files.createSymbolicLink(folder.resolve("up"), folder); // a loop through a folder
        Path fifo = folder.resolve("pipe.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        JsonNode files = ingest(2, folder);
        storedWhole(files, "case/host.json", 4);
        for (String link : List.of("self", "a", "b", "up")) {
            refused(input(files, "case/" + link), "a symbolic link: links inside a folder are not followed");
        }
        refused(input(files, "case/pipe.json"), "not a regular file (a FIFO");
        // named on the command line: the FIFO is refused without being opened, the loop named as one
        JsonNode direct = ingest(2, fifo, folder.resolve("self"), good("alone.json", 2));
        refused(input(direct, "pipe.json"), "not a regular file (a FIFO");
        refused(input(direct, "self"), "a symbolic link that leads nowhere (or round to itself)");
        storedWhole(direct, "alone.json", 2);
    }

    @Test
    void aTenGigabyteSparseFileOfZerosNamedEvtxIsRefusedFromItsFirstBytes() throws Exception {
        Path zeros = dir.resolve("huge.evtx");
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(10L << 30); // sparse: no block written
        }
        JsonNode files = ingest(2, zeros, good("beside.json", 3));
        JsonNode f = input(files, "huge.evtx");
        refused(f, "not EVTX, JSON, Windows event XML or zip");
        assertEquals(0, f.get("read").asLong());
        storedWhole(files, "beside.json", 3);
    }

    @Test
    void jsonNested100000DeepIsOneRejectedLineAndTheOtherLinesAreStored() throws Exception {
        List<String> lines = sampleLines(3);
        String deep = "{\"EventID\":1,\"Channel\":\"Security\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        lines.add(1, deep);
        Path f = dir.resolve("deep.json");
        Files.writeString(f, String.join("\n", lines) + "\n");
        oneLineRejected(input(ingest(2, f), "deep.json"), 4, 2, "nesting depth");
    }

    @Test
    void aFiftyMegabyteCommandLineIsOneRejectedLineSayingHowLongAndTheRestIsStored() throws Exception {
        List<String> lines = sampleLines(3);
        String sysmon1 = sysmon1Line();
        ObjectNode big = (ObjectNode) JSON.readTree(sysmon1);
        big.put("CommandLine", "cmd.exe /c " + "A".repeat(50 << 20));
        lines.add(JSON.writeValueAsString(big));
        lines.add(sysmon1);
        Path f = dir.resolve("long.json");
        Files.writeString(f, String.join("\n", lines) + "\n");
        oneLineRejected(input(ingest(2, f), "long.json"), 5, 4, "line 4 is longer than 16777216 characters");
    }

    /** Of {@code read} lines, line {@code line} alone was rejected, for the reason {@code why}. */
    private static void oneLineRejected(JsonNode r, int read, long line, String why) {
        assertEquals(read, r.get("read").asLong(), r::toString);
        assertEquals(read - 1, r.get("stored").asLong(), r::toString);
        assertEquals(1, r.get("rejected").asLong(), r::toString);
        assertEquals(line, r.get("errors").get(0).get("offset").asLong(), r::toString);
        assertTrue(reasons(r).toLowerCase().contains(why.toLowerCase()), r::toString);
    }

    private static String sysmon1Line() throws IOException {
        try (ZipFile z = new ZipFile(SAMPLE.toFile())) {
            try (InputStream in = z.getInputStream(z.entries().nextElement())) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.contains("\"EventID\":1,") && line.contains("Sysmon")) {
                        return line;
                    }
                }
            }
        }
        throw new AssertionError("no Sysmon 1 event in " + SAMPLE);
    }

    @Test
    void invalidUtf8AndLoneSurrogatesAreStoredReplacedWithAWarningNamingTheLine() throws Exception {
        List<String> lines = sampleLines(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        // line 2: a Computer name with bytes that are not UTF-8 (a lone continuation byte, a cut sequence, 0xFF)
        ObjectNode bad = (ObjectNode) JSON.readTree(lines.get(1));
        bad.put("Hostname", "WS@@");
        byte[] b = (JSON.writeValueAsString(bad) + "\n").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(b, "WS@@".getBytes(StandardCharsets.US_ASCII));
        b[at + 2] = (byte) 0x80;
        b[at + 3] = (byte) 0xFF;
        bytes.write(b);
        // line 3: lone UTF-16 surrogates as JSON escapes, in a value and in a field name
        ObjectNode sur = (ObjectNode) JSON.readTree(lines.get(1));
        String line3 = JSON.writeValueAsString(sur).replace("\"Hostname\":\"WORKSTATION5\"",
                "\"Hostname\":\"WS\\ud800X\",\"odd\\udc00name\":\"\\udfff\"");
        assertTrue(line3.contains("\\ud800"), line3);
        bytes.write((line3 + "\n").getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("encoding.json");
        Files.write(f, bytes.toByteArray());
        JsonNode r = input(ingest(0, f), "encoding.json");
        assertEquals(3, r.get("stored").asLong(), r::toString);
        assertTrue(reasons(r).contains("line 2 holds U+FFFD"), r::toString);
        assertTrue(reasons(r).contains("line 3 holds a lone UTF-16 surrogate (\\ud800): it is stored as '?'"), r::toString);
        assertEquals(List.of("WORKSTATION5", "WS\uFFFD\uFFFD", "WS?X"),
                strings("SELECT MachineName FROM events WHERE SourcePath LIKE '%encoding.json' ORDER BY SourceOffset"));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void nulBytesInNamesAndValuesAreStoredAsGiven() throws Exception {
        ObjectNode e = (ObjectNode) JSON.readTree(sampleLines(1).get(0));
        e.put("Hostname", "WS\u0000NUL");
        e.put("Field\u0000Name", "value\u0000after");
        Path zip = dir.resolve("nul.zip");
        zip(zip, "a\u0000b.json", (JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8), "plain.json", goodBytes(2));
        JsonNode files = ingest(0, zip);
        storedWhole(files, "nul.zip!/plain.json", 2);
        storedWhole(files, "b.json", 1); // nul.zip!/a NUL b.json
        assertEquals(List.of("WS\u0000NUL"), strings("SELECT MachineName FROM events WHERE SourcePath LIKE '%b.json'"));
        assertTrue(strings("SELECT Fields FROM events WHERE SourcePath LIKE '%b.json'").get(0)
                .contains("\"Field\\u0000Name\":\"value\\u0000after\""));
    }

    /**
     * Chunk 0 of the CC0 runas sample (9 live records, offsets read by hand with a hex viewer),
     * patched so that its tables point into themselves: every entry of the template table and of
     * the string table names one definition whose next pointer names itself, record 3's template
     * instance names itself as its definition, and record 7's names its own record header.
     */
    @Test
    void aChunkWhoseTablesPointIntoThemselvesLosesOnlyTheRecordsThatUseThem() throws Exception {
        byte[] b = Files.readAllBytes(Path.of("..", "samples", "evtx", "ID4688_4648_4624-Runas_execution_with_different_user.evtx"));
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int chunk = 0x1000;
        int template = 0xa4e; // the definition records 2 to 9 share
        int name = 0x927; // the first name of the string table
        for (int t = 0; t < 32; t++) {
            le.putInt(chunk + 0x180 + 4 * t, template);
        }
        for (int t = 0; t < 64; t++) {
            le.putInt(chunk + 0x80 + 4 * t, name);
        }
        le.putInt(chunk + template, template); // its next definition: itself
        le.putInt(chunk + name, name); // its next string: itself
        int record3 = 0x11b8;
        int record7 = 0x2538;
        le.putInt(chunk + record3 + 24 + 10, record3 + 24 + 4); // the instance is its own definition
        le.putInt(chunk + record7 + 24 + 10, record7); // the definition is the record's header
        Path f = dir.resolve("loops.evtx");
        Files.write(f, b);
        JsonNode r = input(ingest(2, f), "loops.evtx");
        Path intact = dir.resolve("intact");
        assertEquals(0, Run.th("ingest", "--db", intact.toString(), "../samples/evtx/ID4688_4648_4624-Runas_execution_with_different_user.evtx")
                .exit());
        List<Long> expected = new ArrayList<>(StoreSql.longs(intact, "SELECT RecordId FROM events WHERE NOT Recovered ORDER BY SourceOffset"));
        assertEquals(9, expected.size());
        expected.remove(6); // record 7
        expected.remove(2); // record 3
        assertEquals(expected, StoreSql.longs(db, "SELECT RecordId FROM events WHERE NOT Recovered ORDER BY SourceOffset"));
        List<Long> offsets = new ArrayList<>();
        r.get("errors").forEach(e -> {
            if (!e.get("reason").asText().startsWith("warning")) {
                offsets.add(e.get("offset").asLong());
            }
        });
        assertTrue(offsets.containsAll(List.of((long) chunk + record3, (long) chunk + record7)), r::toString);
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.resolve("th.duckdb"));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
