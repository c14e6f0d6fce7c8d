package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers on one store, as two real processes: while {@code th ingest} of the OTRF folder
 * and the EVTX samples writes a store, a second {@code th ingest} and a {@code th hunt --db} on it
 * are refused with one line naming the first (its pid, its command, since when), and the first
 * ends with the store an ingest left alone makes.
 */
class TwoWritersTest {
    @Test
    void aSecondWriterIsRefusedNamingTheFirst(@TempDir Path tmp) throws Exception {
        List<String> first = new ArrayList<>(List.of("ingest", "--db", "DIR", "--client", "acme",
                SharedData.require("otrf").toString(), SharedData.require("evtx").toString()));
        Path alone = tmp.resolve("alone");
        Result ref = run(swap(first, alone));
        assertTrue(ref.exit() == 0 || ref.exit() == 2, ref.toString());

        Path dir = tmp.resolve("shared");
        Path log = tmp.resolve("first.log");
        Process a = new ProcessBuilder(TestJvm.th(swap(first, dir).toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            while (a.isAlive() && !Files.exists(dir.resolve("th.duckdb"))) {
                Thread.sleep(10);
            }
            Result second = run(List.of("ingest", "--db", dir.toString(), "--client", "beta", Path.of("..", "samples", "evtx").toString()));
            Result hunt = run(List.of("hunt", "--db", dir.toString(), "--period", "all"));
            Assumptions.assumeTrue(a.isAlive(), "the first ingest ended before the others had started: nothing was tested");
            for (Result r : List.of(second, hunt)) {
                assertEquals(1, r.exit(), r.toString());
                // th hunt says first how many rules it loaded
                String line = r.err().strip().lines().reduce((x, y) -> y).orElse("");
                assertEquals(1, r.err().lines().filter(l -> l.startsWith("th ")).count(), "one line: " + r.err());
                assertTrue(line.contains("the store in " + dir.toAbsolutePath() + " is open in pid " + a.pid() + " (th ingest --db "
                        + dir), line);
                assertTrue(line.contains("running since 20"), line);
                assertTrue(line.contains("one process at a time may write a store"), line);
            }
            assertTrue(a.waitFor(10, TimeUnit.MINUTES));
            assertTrue(a.exitValue() == ref.exit(), Files.readString(log));
        } finally {
            a.destroyForcibly();
        }
        assertEquals(IngestKillTest.snapshot(alone), IngestKillTest.snapshot(dir), "the first ingest stored what it stores alone");
        Result after = run(List.of("ingest", "--db", dir.toString(), "--client", "beta", Path.of("..", "samples", "evtx").toString()));
        assertEquals(0, after.exit(), "once the first has ended the second goes through: " + after);
    }

    private static List<String> swap(List<String> args, Path dir) {
        return args.stream().map(x -> x.equals("DIR") ? dir.toString() : x).toList();
    }

    record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("th-out", ".log");
        Path err = Files.createTempFile("th-err", ".log");
        try {
            Process p = new ProcessBuilder(TestJvm.th(args.toArray(String[]::new))).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "th " + args + " did not end");
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
