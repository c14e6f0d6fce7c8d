package dev.th.views;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import dev.th.store.RetroHunt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The store the view tests draw: the quick start's samples, ingested and hunted with TH's rule
 * pack, plus two hostile events: real Sysmon 1 events of the samples (the comsvcs MiniDump
 * rundll32 of WORKSTATION5) copied with attacker-chosen markup in the command line and the
 * image name, one the child of the other, so that they reach the tree, the tables and the IoAs.
 */
final class ViewStore {
    /** Planted in the command line of the first hostile event. */
    static final String HOSTILE_COMMAND = "\"C:\\Windows\\System32\\rundll32.exe\" C:\\windows\\System32\\comsvcs.dll MiniDump 756 "
            + "C:\\x.dmp full </script><img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    /** Planted in the image of the second hostile event (its child). */
    static final String HOSTILE_IMAGE = "C:\\Users\\wardog\\<svg onload=window.__pwned=3>{a|b}.exe";
    static final String HOSTILE_GUID = "39e4a257-d4ad-5f8c-3303-0000000007ff";
    static final String HOSTILE_CHILD_GUID = "39e4a257-d4ad-5f8c-3303-0000000007fe";
    static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();
    /** An attack chain on IEWIN7 with three outgoing connections of mshta (shared data). */
    static final String IEWIN7 = "evtx/evtx-attack-samples/Execution/exec_persist_rundll32_mshta_scheduledtask_sysmon_1_3_11.evtx";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;

    private ViewStore() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            Path attack = dev.th.testing.SharedData.require(IEWIN7);
            try {
                Path d = Files.createTempDirectory("th-views-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
                Path hostile = d.resolve("hostile.json");
                Files.writeString(hostile, hostileEvents(), StandardCharsets.UTF_8);
                try (DuckDbStore store = DuckDbStore.open(d); Ingest ingest = Ingest.into(store, "default")) {
                    IngestReport r = ingest.run(List.of(SAMPLES.resolve("evtx"), SAMPLES.resolve("json"), attack, hostile),
                            new Sources(), Readers.defaults());
                    if (r.rejected() > 0) {
                        throw new IllegalStateException("view test store: " + r.rejected() + " records rejected");
                    }
                    RuleSet set = RuleSet.load(List.of(RulePack.materialize()));
                    new RetroHunt(store.connection()).run(set::compile, null, null, null, Instant.parse("2026-01-01T00:00:00Z"));
                }
                dir = d;
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the view test store: " + e, e);
            }
        }
        return dir;
    }

    static TH open() {
        return TH.open(dir()).defaultPeriod(TimePeriod.all());
    }

    /** Two JSON lines: the samples' comsvcs rundll32 creation with hostile text, and a child with a hostile image. */
    static String hostileEvents() throws IOException {
        ObjectNode original = null;
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(SAMPLES.resolve("json/psh_lsass_memory_dump_comsvcs.zip")))) {
            for (ZipEntry e = z.getNextEntry(); e != null && original == null; e = z.getNextEntry()) {
                for (String line : new String(z.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    ObjectNode n = (ObjectNode) JSON.readTree(line);
                    if (n.path("EventID").asText().equals("1") && n.path("CommandLine").asText().contains("MiniDump")) {
                        original = n;
                        break;
                    }
                }
            }
        }
        if (original == null) {
            throw new IllegalStateException("no comsvcs MiniDump process creation in the samples");
        }
        ObjectNode a = original.deepCopy();
        a.put("CommandLine", HOSTILE_COMMAND);
        a.put("ProcessGuid", "{" + HOSTILE_GUID + "}");
        a.put("ProcessId", "4999");
        a.put("TimeCreated", "2020-10-18 07:51:00.000");
        a.put("UtcTime", "2020-10-18 07:51:00.000");
        a.remove("Message");
        ObjectNode b = original.deepCopy();
        b.put("Image", HOSTILE_IMAGE);
        b.put("CommandLine", "\"" + HOSTILE_IMAGE + "\" --payload <b>bold</b>");
        b.put("ProcessGuid", "{" + HOSTILE_CHILD_GUID + "}");
        b.put("ProcessId", "5111");
        b.put("ParentProcessGuid", "{" + HOSTILE_GUID + "}");
        b.put("ParentProcessId", "4999");
        b.put("ParentImage", a.path("Image").asText());
        b.put("TimeCreated", "2020-10-18 07:51:01.000");
        b.put("UtcTime", "2020-10-18 07:51:01.000");
        b.remove("Message");
        List<String> lines = new ArrayList<>();
        lines.add(JSON.writeValueAsString(a));
        lines.add(JSON.writeValueAsString(b));
        return String.join("\n", lines) + "\n";
    }

    private static void delete(Path d) {
        try (java.util.stream.Stream<Path> files = Files.walk(d)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
