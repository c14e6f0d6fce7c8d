package dev.th.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers already computed, keyed by the store's generation: every write the server makes (an
 * upload's batch of events stored, its hunt and process join, an IoA change) bumps the
 * generation, and an answer of an older generation is never served again. Bounded by the bytes
 * it holds (least recently used go first). Hits and misses are counted for {@code /metrics}.
 */
final class ResponseCache {
    /** One computed answer: its body and content type. */
    record Answer(byte[] body, String contentType) {
    }

    private final long maxBytes;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    ResponseCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The store changed: every answer kept so far is stale. */
    void bump() {
        generation.incrementAndGet();
        synchronized (answers) {
            answers.clear();
            bytes = 0;
        }
    }

    long generation() {
        return generation.get();
    }

    /** The key of a question asked now (the generation is part of it). */
    String key(String who, String pathAndQuery) {
        return generation.get() + " " + who + " " + pathAndQuery;
    }

    /** The answer kept for {@code key}, or null (counted as a hit or a miss). */
    Answer get(String key) {
        Answer a;
        synchronized (answers) {
            a = answers.get(key);
        }
        (a == null ? misses : hits).incrementAndGet();
        return a;
    }

    /** Keeps {@code a} for {@code key}, unless the store changed since the key was made. */
    void put(String key, Answer a) {
        if (a.body().length > maxBytes / 4) {
            return;
        }
        synchronized (answers) {
            if (!key.startsWith(generation.get() + " ")) {
                return; // computed while a write went on: it may be of either generation
            }
            Answer old = answers.put(key, a);
            bytes += a.body().length - (old == null ? 0 : old.body().length);
            var it = answers.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<String, Answer> e = it.next();
                bytes -= e.getValue().body().length;
                it.remove();
            }
        }
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }
}
