package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The store the question-command tests ask: the quick start's samples (WORKSTATION5, FS03,
 * fs03vuln) and one EVTX of a known attack chain on IEWIN7 (cmd, rundll32, mshta, schtasks;
 * three outgoing connections of mshta), ingested once per test JVM by {@code th ingest}.
 */
final class AskStore {
    static final String IEWIN7 = "evtx/evtx-attack-samples/Execution/exec_persist_rundll32_mshta_scheduledtask_sysmon_1_3_11.evtx";
    static final String IEWIN7_MUID = "4c7c5f15b660cba1fb141399efc36584";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The records recovered from the slack space of IEWIN7's file (evtxinfo counts 1), read apart
     * from the store with TH's EVTX reader: they are in the store beside the live records.
     */
    static List<dev.th.event.RawEvent> recoveredOfIewin7() {
        List<dev.th.event.RawEvent> out = new ArrayList<>();
        try (java.io.InputStream in = Files.newInputStream(SharedData.require(IEWIN7))) {
            new dev.th.evtx.EvtxReader().read(in, IEWIN7, "x", new dev.th.event.EventSink() {
                @Override
                public void accept(dev.th.event.RawEvent e) {
                    if (e.recovered()) {
                        out.add(e);
                    }
                }

                @Override
                public void reject(long offset, long records, String reason) {
                    throw new AssertionError(reason);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(1, out.size(), "evtxinfo: 1 recovered record in " + IEWIN7);
        return out;
    }
    private static Path db;

    private AskStore() {
    }

    static synchronized Path db() {
        if (db == null) {
            Path attack = SharedData.require(IEWIN7);
            Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
            try {
                Path dir = Files.createTempDirectory("th-ask-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                Run r = Run.th("ingest", "--db", dir.toString(), samples.resolve("evtx").toString(),
                        samples.resolve("json").toString(), attack.toString());
                assertEquals(0, r.exit(), r::toString);
                db = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return db;
    }

    /** {@code th ARGS... --db STORE}. */
    static Run th(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db().toString());
        return Run.th(all.toArray(new String[0]));
    }

    /** {@code th ARGS... --db STORE --format json}, checked to exit 0, as a JSON array. */
    static JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--format");
        all.add("json");
        Run r = th(all.toArray(new String[0]));
        assertEquals(0, r.exit(), r::toString);
        try {
            JsonNode n = JSON.readTree(r.out());
            assertEquals(true, n.isArray(), r::toString);
            return n;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    /** The keys of a JSON object, in order. */
    static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    /** The values of {@code field} in every row, in order. */
    static List<String> column(JsonNode rows, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rows) {
            out.add(r.get(field).isNull() ? null : r.get(field).asText());
        }
        return out;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
