package dev.th.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake's commit log on a real file system: one version number, one writer. */
class LakeCommitTest {
    @TempDir
    Path lake;

    static List<Lake.Table> table(String fingerprint) {
        return List.of(new Lake.Table("events", "events/" + fingerprint, List.of("a"), List.of("VARCHAR"), 1, fingerprint));
    }

    @Test
    void aTakenVersionIsRefused() {
        assertEquals(1, Lake.commit(lake, 0, table("x")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lake.commit(lake, 0, table("y")));
        assertEquals(true, e.getMessage().contains("another writer"), e.getMessage());
        assertEquals("events/x", Lake.latest(lake).get("events").dir(), "the first writer's version stands");
    }

    @Test
    void ofWritersRacingForOneVersionExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                int previous = round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> writers = Stream.of("a" + round, "b" + round).map(fp -> pool.submit(() -> {
                    go.await();
                    try {
                        Lake.commit(lake, previous, table(fp));
                        return true;
                    } catch (IllegalStateException e) {
                        return false;
                    }
                })).toList();
                go.countDown();
                int wins = 0;
                for (Future<Boolean> w : writers) {
                    wins += w.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, wins, "round " + round + ": one writer commits version " + (round + 1));
                assertEquals(round + 1, Lake.latestVersion(lake));
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> left = Files.list(lake.resolve(Lake.LOG))) {
            assertEquals(100, left.count(), "one file per version, no temporary file left");
        }
    }
}
