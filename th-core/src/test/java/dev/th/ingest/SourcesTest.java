package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.json.JsonLinesReader;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources on a temp folder holding copies of real files and zips built here. */
class SourcesTest {
    private static final String PAIR = "sigma-regression/file_event_win_advanced_ip_scanner/";
    private static final String EVTX = PAIR + "fed85bf9-e075-4280-9159-fbe8a023d6fa.evtx";
    private static final String TWIN = PAIR + "fed85bf9-e075-4280-9159-fbe8a023d6fa.json";
    private static final String OTRF = "otrf/psh_lsass_memory_dump_comsvcs.zip";
    private static final String OTRF_MEMBER = "psh_lsass_memory_dump_comsvcs_2020-10-18T19500924.json";

    @TempDir
    Path tmp;

    /** What a walk reported, in order; JSON sources are read while they are valid. */
    static final class Recorder implements SourceVisitor {
        final List<String> seen = new ArrayList<>();
        final Map<String, Source> sources = new LinkedHashMap<>();
        final Map<String, String> skipped = new LinkedHashMap<>();
        final Map<String, Integer> eventsRead = new LinkedHashMap<>();
        final List<Boolean> spoolExisted = new ArrayList<>();
        final Map<Format, EventReader> readers = Sources.jsonReaders();

        Recorder() {
            readers.put(Format.EVTX, new EvtxReader());
        }

        @Override
        public void source(Source s) throws IOException {
            seen.add(s.displayPath() + " " + s.format());
            sources.put(s.displayPath(), s);
            List<RawEvent> events = new ArrayList<>();
            s.read(readers, new EventSink() {
                @Override
                public void accept(RawEvent event) {
                    assertEquals(s.displayPath(), event.source().path());
                    assertEquals(s.sha256(), event.source().contentHash());
                    events.add(event);
                }

                @Override
                public void reject(long offset, long records, String reason) {
                    throw new AssertionError(reason);
                }
            });
            eventsRead.put(s.displayPath(), events.size());
            try (InputStream in = s.opener().open()) {
                spoolExisted.add(in.readAllBytes().length == s.size());
            }
        }

        @Override
        public void skipped(String displayPath, String reason) {
            seen.add(displayPath + " SKIPPED");
            skipped.put(displayPath, reason);
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static void zip(Path to, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(to); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != null) {
                    z.write(e.getValue());
                }
                z.closeEntry();
            }
        }
    }

    @Test
    void walksFoldersAndZipsInStableOrderDetectsFormatsAndReportsTheRest() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile());
        byte[] evtx = Files.readAllBytes(SharedData.require(EVTX));
        byte[] twin = Files.readAllBytes(SharedData.require(TWIN));
        byte[] otrfZip = Files.readAllBytes(SharedData.require(OTRF));

        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.createDirectories(in.resolve("a/deeper"));
        Files.write(in.resolve("a/sysmon.evtx"), evtx);
        Files.write(in.resolve("a/deeper/twin.json"), twin);
        Files.createDirectories(in.resolve("b"));
        Files.write(in.resolve("b/otrf.zip"), otrfZip);
        Files.writeString(in.resolve("b/notes.txt"), "hello, these are my notes\n");
        Files.write(in.resolve("b/empty.json"), new byte[0]);
        Files.write(in.resolve("b/broken.zip"), java.util.Arrays.copyOf(otrfZip, otrfZip.length / 2));
        Path inner = tmp.resolve("inner.zip");
        Map<String, byte[]> innerEntries = new LinkedHashMap<>();
        innerEntries.put("deep/twin.json", twin);
        zip(inner, innerEntries);
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("logs/", null);
        outer.put("logs/x.evtx", evtx);
        outer.put("inner.zip", Files.readAllBytes(inner));
        outer.put("readme.txt", "read me\n".getBytes(StandardCharsets.UTF_8));
        zip(in.resolve("c.zip"), outer);
        Path missing = tmp.resolve("nowhere.evtx");
        Path spoolDir = Files.createDirectories(tmp.resolve("spool"));

        Recorder r = new Recorder();
        new Sources(spoolDir).forEach(List.of(in, missing, in.resolve("a/sysmon.evtx")), r);

        String b = in.resolve("b").toString();
        String c = in.resolve("c.zip").toString();
        assertEquals(List.of(
                in.resolve("a/deeper/twin.json") + " EVTX_DUMP_JSON",
                in.resolve("a/sysmon.evtx") + " EVTX",
                b + "/broken.zip SKIPPED",
                b + "/empty.json SKIPPED",
                b + "/notes.txt SKIPPED",
                b + "/otrf.zip!/" + OTRF_MEMBER + " JSON_LINES",
                c + "!/logs/x.evtx EVTX",
                c + "!/inner.zip!/deep/twin.json EVTX_DUMP_JSON",
                c + "!/readme.txt SKIPPED",
                missing + " SKIPPED",
                in.resolve("a/sysmon.evtx") + " EVTX"), r.seen);

        // hashes and sizes: the EVTX's as reference-counts.json gives them, also from inside a zip
        JsonNode evtxRef = ref.get("evtx").get(EVTX);
        for (String p : List.of(in.resolve("a/sysmon.evtx").toString(), c + "!/logs/x.evtx")) {
            assertEquals(evtxRef.get("sha256").asText(), r.sources.get(p).sha256(), p);
            assertEquals(evtxRef.get("bytes").asLong(), r.sources.get(p).size(), p);
        }
        assertEquals(sha256(twin), r.sources.get(c + "!/inner.zip!/deep/twin.json").sha256());
        JsonNode member = ref.get("otrf_json_zips").get(OTRF).get("members").get(0);
        Source otrf = r.sources.get(b + "/otrf.zip!/" + OTRF_MEMBER);
        assertEquals(member.get("uncompressed_bytes").asLong(), otrf.size());

        // the JSON sources were read through the format -> reader map while the visit lasted
        assertEquals(member.get("events").asInt(), r.eventsRead.get(otrf.displayPath()));
        assertEquals(1, r.eventsRead.get(c + "!/inner.zip!/deep/twin.json"));
        assertEquals(evtxRef.get("records").asInt(), r.eventsRead.get(c + "!/logs/x.evtx"));
        assertTrue(r.spoolExisted.stream().allMatch(x -> x), r.spoolExisted.toString());

        // reasons a user can act on
        assertEquals("empty file", r.skipped.get(b + "/empty.json"));
        assertEquals("not EVTX, JSON, Windows event XML or zip (it starts with \"hello, these are\")", r.skipped.get(b + "/notes.txt"));
        assertEquals("not EVTX, JSON, Windows event XML or zip (it starts with \"read me\\x0a\")", r.skipped.get(c + "!/readme.txt"));
        assertEquals("no such file or folder", r.skipped.get(missing.toString()));
        assertTrue(r.skipped.get(b + "/broken.zip").startsWith("damaged zip: "), r.skipped.get(b + "/broken.zip"));

        // every spooled entry is gone
        try (Stream<Path> left = Files.list(spoolDir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aReaderFailureIsReportedAsSkippedAndTheWalkGoesOn() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("x"));
        Files.write(dir.resolve("1.json"), Files.readAllBytes(SharedData.require(TWIN)));
        Files.write(dir.resolve("2.evtx"), Files.readAllBytes(SharedData.require(EVTX)));
        List<String> seen = new ArrayList<>();
        new Sources(tmp).forEach(List.of(dir), new SourceVisitor() {
            @Override
            public void source(Source s) throws IOException {
                seen.add(s.displayPath());
                s.read(Map.of(Format.JSON_LINES, new JsonLinesReader()), null);
            }

            @Override
            public void skipped(String displayPath, String reason) {
                seen.add(displayPath + ": " + reason);
            }
        });
        String one = dir.resolve("1.json").toString();
        String two = dir.resolve("2.evtx").toString();
        assertEquals(List.of(one, one + ": cannot be read: IOException: " + one + ": no reader for EVTX_DUMP_JSON input",
                two, two + ": cannot be read: IOException: " + two + ": no reader for EVTX input"), seen);
    }

    @Test
    void formatsFromContentNotFromNames() {
        assertEquals(Format.EVTX_DUMP_JSON, sniff("Record 1\n{\n  \"Event\": {"));
        assertEquals(Format.EVTX_DUMP_JSON, sniff("\uFEFF{\"Event\":{\"System\":{}}}"));
        assertEquals(Format.JSON_LINES, sniff("{\"SourceName\":\"Microsoft-Windows-Sysmon\"}"));
        byte[] utf16 = "\uFEFF{\"Event\":{}}".getBytes(StandardCharsets.UTF_16LE);
        assertEquals(Format.EVTX_DUMP_JSON, ContentSniffer.sniff(utf16, utf16.length).format());
        byte[] utf16be = "\uFEFF{\"EventID\":1}".getBytes(StandardCharsets.UTF_16BE);
        assertEquals(Format.JSON_LINES, ContentSniffer.sniff(utf16be, utf16be.length).format());
        assertEquals(Format.JSON_LINES, sniff("\n\n  {\"@timestamp\":\"2020-10-23T03:12:04.351Z\",\"Event\":1}"));
        assertEquals(Format.EVTX_DUMP_JSON, sniff("{\n  \"@timestamp\": \"2020-10-23T03:12:04.351Z\",\n  \"winlog\": {"));
        assertEquals(Format.JSON_ARRAY, sniff("[\n  {\"EventID\": 1}]"));
        assertEquals(Format.JSON_ARRAY, sniff("[]"));
        assertEquals("a JSON array whose first element is not an object: TH reads arrays of events",
                ContentSniffer.sniff("[1,2]".getBytes(StandardCharsets.UTF_8), 5).unknownReason());
        assertEquals("gzip-compressed: unpack it first (TH reads EVTX, JSON, Windows event XML and zip)",
                ContentSniffer.sniff(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 4).unknownReason());
    }

    private static Format sniff(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ContentSniffer.sniff(b, b.length).format();
    }
}
