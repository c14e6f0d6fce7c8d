package dev.th.flow;

import dev.th.ingest.Format;
import dev.th.ingest.IngestError;
import dev.th.ingest.InputReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores network inputs (Zeek logs, ECS flows) one at a time, with the accounting of events:
 * {@code read = stored + rejected + duplicates}, a flow id met twice in an input counts as a
 * duplicate, an input whose content hash is stored is all duplicates, and a reader failure stores
 * nothing of the input. Counts per log go to the report's {@code byEventId} as {@code zeek|conn},
 * {@code zeek|dns}, ..., {@code ecs|flow}.
 */
public final class FlowIngest {
    private static final int MAX_ERRORS = 1000;
    private static final int COMPARED = 1 << 16;

    private final FlowStore store;
    private final Map<Format, FlowReader> readers;
    private boolean stored;

    public FlowIngest(FlowStore store) {
        this(store, defaultReaders());
    }

    public FlowIngest(FlowStore store, Map<Format, FlowReader> readers) {
        this.store = Objects.requireNonNull(store);
        this.readers = Map.copyOf(readers);
    }

    /** A reader for each network format. */
    public static Map<Format, FlowReader> defaultReaders() {
        Map<Format, FlowReader> m = new EnumMap<>(Format.class);
        m.put(Format.ZEEK_TSV, new ZeekTsvReader());
        m.put(Format.ZEEK_JSON, new ZeekJsonReader());
        m.put(Format.ECS_FLOW_JSON, new EcsFlowReader());
        return m;
    }

    /** Whether this format is read here. */
    public boolean reads(Format f) {
        return readers.containsKey(f);
    }

    /** Whether some input was stored since this object was made (so the assignment is stale). */
    public boolean storedAny() {
        return stored;
    }

    public FlowStore store() {
        return store;
    }

    /** Ingests one network input. */
    public InputReport input(String path, String hash, long size, Format format, InputStream in) {
        var prev = store.completed(hash);
        if (prev.isPresent()) {
            InputReport p = prev.get();
            return new InputReport(path, hash, size, p.read(), 0, 0, p.read(), p.byEventId(), List.of(), List.of());
        }
        if (format == Format.ZEEK_TSV) {
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            InputReport bulk = bulk(buffered, hash, path, size);
            if (bulk != null) {
                stored = stored || bulk.stored() > 0;
                return bulk;
            }
            in = buffered;
        }
        FlowReader reader = readers.get(format);
        if (reader == null) {
            throw new IllegalArgumentException("no flow reader for " + format);
        }
        Tally t = new Tally(path, hash, size);
        try (FlowStore.Writer w = store.begin(hash, path, size)) {
            String source = format == Format.ECS_FLOW_JSON ? "ecs" : "zeek";
            try {
                reader.read(in, path, new FlowSink() {
                    @Override
                    public void flow(Flow f) {
                        t.read++;
                        t.count(source + "|" + (source.equals("ecs") ? "flow" : "conn"));
                        if (!t.ids.add(f.id())) {
                            t.duplicates++;
                            return;
                        }
                        w.flow(f);
                        t.stored++;
                    }

                    @Override
                    public void name(NetName n) {
                        t.read++;
                        t.count(source + "|" + n.log());
                        w.name(n);
                        t.stored++;
                    }

                    @Override
                    public void reject(long line, String reason) {
                        t.read++;
                        t.rejected++;
                        t.error(line, reason);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                t.error(-1, "input abandoned, nothing of it stored: " + e.getMessage());
                return t.report(true);
            }
            InputReport r = t.report(false);
            w.commit(r);
            stored = true;
            return r;
        }
    }

    /** A conn.log handed whole to the store, spooled to a temporary file; null when the store reads rows only. */
    private InputReport bulk(BufferedInputStream in, String hash, String path, long size) {
        if (!store.readsTsv()) {
            return null;
        }
        Path spool = null;
        try {
            ZeekHeader h = ZeekHeader.peek(in);
            if (h == null || !h.tab() || !"conn".equals(h.log()) || !h.fields().containsAll(ZeekRecords.CONN_REQUIRED)) {
                return null;
            }
            Path file = plainFile(path, size, in);
            if (file != null) {
                return store.bulkZeekConn(file, h.fields(), hash, path, size);
            }
            spool = Files.createTempFile("th-conn-", ".log");
            try (OutputStream out = Files.newOutputStream(spool)) {
                in.transferTo(out);
            }
            return store.bulkZeekConn(spool, h.fields(), hash, path, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool " + path + " for the store: " + e.getMessage(), e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file left behind is the system's to clean
                }
            }
        }
    }

    /**
     * The file at {@code path} when the stream is that file as it is (same size, same first bytes:
     * not a gzip or zip member), so that the store reads it without a copy; null otherwise.
     */
    private static Path plainFile(String path, long size, BufferedInputStream in) throws IOException {
        Path p;
        try {
            p = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        if (!Files.isRegularFile(p) || Files.size(p) != size) {
            return null;
        }
        in.mark(COMPARED);
        byte[] head = in.readNBytes(COMPARED);
        in.reset();
        byte[] onDisk;
        try (InputStream f = Files.newInputStream(p)) {
            onDisk = f.readNBytes(COMPARED);
        }
        return java.util.Arrays.equals(head, onDisk) ? p : null;
    }

    /** Assigns every stored flow anew (see {@link FlowStore#assign}). */
    public FlowAssignment assign() {
        stored = false;
        return store.assign();
    }

    private static final class Tally {
        final String path;
        final String hash;
        final long size;
        final Set<String> ids = new HashSet<>();
        final Map<String, Long> byLog = new TreeMap<>();
        final List<IngestError> errors = new ArrayList<>();
        long read;
        long stored;
        long rejected;
        long duplicates;
        long errorsLeftOut;

        Tally(String path, String hash, long size) {
            this.path = path;
            this.hash = hash;
            this.size = size;
        }

        void count(String key) {
            byLog.merge(key, 1L, Long::sum);
        }

        void error(long line, String reason) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(new IngestError(line, reason));
            } else {
                errorsLeftOut++;
            }
        }

        InputReport report(boolean abandoned) {
            List<IngestError> all = new ArrayList<>(errors);
            if (errorsLeftOut > 0) {
                all.add(new IngestError(-1, errorsLeftOut + " more errors not listed"));
            }
            return abandoned
                    ? new InputReport(path, hash, size, read, 0, rejected + stored, duplicates, byLog, all, List.of())
                    : new InputReport(path, hash, size, read, stored, rejected, duplicates, byLog, all, List.of());
        }
    }
}
