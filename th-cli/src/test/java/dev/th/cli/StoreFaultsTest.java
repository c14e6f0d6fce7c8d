package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and a read-only store, over real data (the EVTX samples stored first, then the OTRF
 * folder, or its two zips of JSON events): {@code th ingest} stops with one line saying what, where and what to do, and the
 * store stays readable with every earlier input whole ({@code th store check} passes, the earlier
 * inputs and events unchanged); run again once there is room, it ends as an ingest never stopped.
 * The full disk is a small tmpfs of its own holding the store (mounting one needs root: the test is
 * skipped, saying so, where it cannot).
 */
class StoreFaultsTest {
    private static final List<String> ZIPS = List.of("otrf/psh_lsass_memory_dump_comsvcs.zip",
            "otrf/purplesharp_pe_injection_createremotethread.zip");

    @TempDir
    Path tmp;

    private Path storeOfSamples(String name) {
        Path dir = tmp.resolve(name);
        Run r = Run.th("ingest", "--db", dir.toString(), "--no-hunt", SharedData.require("evtx").toString());
        assertTrue(r.exit() == 0 || r.exit() == 2, r.toString());
        return dir;
    }

    private List<String> zips() {
        List<String> out = new ArrayList<>(List.of("--no-hunt"));
        ZIPS.forEach(z -> out.add(SharedData.require(z).toString()));
        return out;
    }

    @Test
    void aFullDiskStopsTheIngestAndKeepsEveryEarlierInputWhole() throws Exception {
        Path reference = storeOfSamples("reference");
        // the OTRF folder: its two zips of JSON events, the LSASS campaign's zips (JSON and Zeek logs)
        // and three YAML files that are not logs (rejected: exit 2)
        List<String> more = List.of("ingest", "--db", reference.toString(), "--no-hunt", SharedData.require("otrf").toString());
        Run all = Run.th(more.toArray(String[]::new));
        assertTrue(all.exit() == 0 || all.exit() == 2, all.toString());

        // the full disk is a small file system of its own (tmpfs) holding the store, with 2 MiB to spare:
        // the OTRF folder needs far more; temporary files (zip members) stay on the roomy /tmp
        Path made = storeOfSamples("full");
        Path mount = tmp.resolve("small-disk");
        Files.createDirectories(mount);
        long size = Files.size(made.resolve("th.duckdb")) + 2 * 1024 * 1024;
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String mounted = new String(m.getInputStream().readAllBytes());
        Assumptions.assumeTrue(m.waitFor() == 0, "cannot mount a small tmpfs here (needs root): " + mounted);
        try {
            Path dir = mount.resolve("store");
            Files.createDirectories(dir);
            try (var files = Files.list(made)) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            IngestKillTest.Snapshot before = IngestKillTest.snapshot(dir);
            Run full = Run.th(swap(more, reference, dir).toArray(String[]::new));
            assertEquals(1, full.exit(), full.toString());
            String last = full.err().strip().lines().reduce((a, b) -> b).orElse("");
            // DuckDB finds no room either writing the store or spilling to its temporary files beside it
            assertTrue(last.startsWith("th ingest: the disk holding " + dir.toAbsolutePath()) && last.contains(" is full (")
                    && !full.err().contains("Out of Memory"), last + "\n" + full.err());

            Run check = Run.th("store", "check", "--db", dir.toString());
            assertEquals(0, check.exit(), "the store is readable and whole after the full disk: " + check);
            IngestKillTest.Snapshot after = IngestKillTest.snapshot(dir);
            assertTrue(after.inputs().containsAll(before.inputs()), "every earlier input is kept: " + after.inputs());
            before.groups().forEach((k, v) -> assertEquals(v, after.groups().get(k), "events of " + k));

            // room again: the store moved to the roomy disk, the same ingest ends as one never stopped
            Path roomy = tmp.resolve("roomy");
            Files.createDirectories(roomy);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.copy(f, roomy.resolve(f.getFileName()));
                }
            }
            Run again = Run.th(swap(more, reference, roomy).toArray(String[]::new));
            assertEquals(all.exit(), again.exit(), again.toString());
            assertEquals(IngestKillTest.snapshot(reference), IngestKillTest.snapshot(roomy), "run again with room: as never stopped");
        } finally {
            new ProcessBuilder("umount", mount.toString()).redirectErrorStream(true).start().waitFor();
        }
    }

    @Test
    void aReadOnlyStoreIsRefusedWithOneLineAndLeftAsItWas() throws Exception {
        Path dir = storeOfSamples("read-only");
        IngestKillTest.Snapshot before = IngestKillTest.snapshot(dir);
        Path file = dir.resolve("th.duckdb");
        List<String> ingest = new ArrayList<>(List.of("ingest", "--db", dir.toString()));
        ingest.addAll(zips());
        for (boolean fileToo : new boolean[] {true, false}) {
            try {
                readOnly(dir, file, fileToo, true);
                Run r = Run.th(ingest.toArray(String[]::new));
                assertEquals(1, r.exit(), r.toString());
                String line = r.err().strip();
                assertEquals(1, line.lines().count(), line);
                assertTrue(line.startsWith("th ingest: cannot write " + (fileToo ? file.toAbsolutePath() : file.toAbsolutePath() + ".wal"))
                        && line.contains("the store in " + dir.toAbsolutePath() + " is read-only for this user;")
                        && line.endsWith("nothing was changed"), line);
            } finally {
                readOnly(dir, file, fileToo, false);
            }
            assertEquals(before, IngestKillTest.snapshot(dir), "the store is left as it was");
            Run check = Run.th("store", "check", "--db", dir.toString());
            assertEquals(0, check.exit(), check.toString());
        }
    }

    /** Makes the folder (and the file) read-only or writable again: chmod, or for root (whom modes do not stop) chattr. */
    private static void readOnly(Path dir, Path file, boolean fileToo, boolean on) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        List<Path> paths = fileToo ? List.of(file, dir) : List.of(dir);
        for (Path p : paths) {
            Process x = new ProcessBuilder(root ? List.of("chattr", on ? "+i" : "-i", p.toString())
                    : List.of("chmod", on ? "a-w" : "u+w", p.toString())).redirectErrorStream(true).start();
            String out = new String(x.getInputStream().readAllBytes());
            boolean ok = x.waitFor() == 0;
            if (on) {
                Assumptions.assumeTrue(ok, "cannot make " + p + " read-only here: " + out);
            }
        }
    }

    private static List<String> swap(List<String> args, Path from, Path to) {
        return args.stream().map(a -> a.equals(from.toString()) ? to.toString() : a).toList();
    }
}
