package dev.th.store;

import dev.th.event.RawEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link StoredEventScan} on a thread of its own, handing events over in batches, so that
 * reading the store (query + Fields JSON) and matching rules use two cores. Memory stays bounded
 * by a few batches.
 */
final class ScanAhead {
    private static final int BATCH = 512;
    private static final Object[] END = new Object[0];

    private ScanAhead() {
    }

    /** Scans {@code reader} as {@link StoredEventScan#scan} does, visiting on the calling thread. */
    static long scan(Connection reader, Instant from, Instant to, Collection<String> sourceHashes,
            StoredEventScan.Visitor visitor) throws SQLException {
        BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(8);
        Throwable[] failure = {null};
        boolean[] cancelled = {false};
        Thread producer = new Thread(() -> {
            Object[][] batch = {new Object[BATCH * 2]};
            int[] n = {0};
            try {
                new StoredEventScan(reader).scan(from, to, sourceHashes, (client, event) -> {
                    batch[0][n[0]++] = client;
                    batch[0][n[0]++] = event;
                    if (n[0] == batch[0].length) {
                        put(queue, batch[0], cancelled);
                        batch[0] = new Object[BATCH * 2];
                        n[0] = 0;
                    }
                });
                if (n[0] > 0) {
                    put(queue, java.util.Arrays.copyOf(batch[0], n[0]), cancelled);
                }
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                try {
                    put(queue, END, cancelled);
                } catch (RuntimeException ignored) {
                    // cancelled: nobody is waiting
                }
            }
        }, "th-retro-hunt-scan");
        producer.setDaemon(true);
        producer.start();
        long events = 0;
        try {
            for (Object[] b = take(queue); b != END; b = take(queue)) {
                for (int i = 0; i < b.length; i += 2) {
                    visitor.visit((String) b[i], (RawEvent) b[i + 1]);
                    events++;
                }
            }
        } catch (RuntimeException e) {
            cancelled[0] = true;
            queue.clear();
            throw e;
        } finally {
            try {
                producer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure[0] instanceof SQLException se) {
            throw se;
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("reading the store failed: " + failure[0], failure[0]);
        }
        return events;
    }

    private static void put(BlockingQueue<Object[]> q, Object[] b, boolean[] cancelled) {
        try {
            while (!q.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled[0]) {
                    throw new IllegalStateException("cancelled");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Object[] take(BlockingQueue<Object[]> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hunting", e);
        }
    }
}
