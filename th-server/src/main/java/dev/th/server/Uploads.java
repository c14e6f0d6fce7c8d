package dev.th.server;

import dev.th.flow.FlowIngest;
import dev.th.hunt.RuleSet;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestError;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import dev.th.store.FlowTable;
import dev.th.store.IngestHunting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Uploads of logs (EVTX, JSON lines, XML, zip): each is streamed to {@code DIR/uploads/ID/NAME}
 * and becomes an ingest job, run in the background by the one writer thread (one job after the
 * other, hunting with TH's rule pack as {@code th ingest} does). A job's progress (bytes of the
 * input read, events stored) and its accounting ({@code read = stored + rejected + duplicates},
 * per input) are kept for {@code GET /api/uploads/ID}; the store's own record of content hashes
 * makes a second upload of the same content store nothing.
 */
final class Uploads implements AutoCloseable {
    /** An upload name: a plain file name (no folder, no {@code ..}), 1 to 200 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ ()+,=@-]{0,199}");

    private final Path dir;
    private final DuckDbStore store;
    private final Supplier<RuleSet> rules;
    private final long maxBytes;
    private final Runnable wrote;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "th-serve-writer"));
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** One upload and its ingest. Fields change on the writer thread; readers see a snapshot via {@link #toMap}. */
    static final class Job {
        final String id;
        final String clientId;
        final String name;
        final long bytes;
        final Instant received = Instant.now();
        volatile String state = "queued";
        volatile Instant started;
        volatile Instant finished;
        final AtomicLong inputBytesRead = new AtomicLong();
        final AtomicLong eventsStored = new AtomicLong();
        volatile IngestReport report;
        volatile IngestHunting.Found found;
        volatile String failure;

        Job(String id, String clientId, String name, long bytes) {
            this.id = id;
            this.clientId = clientId;
            this.name = name;
            this.bytes = bytes;
        }

        boolean done() {
            return state.equals("done") || state.equals("failed");
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("client", clientId);
            m.put("name", name);
            m.put("bytes", bytes);
            m.put("state", state);
            m.put("received", received.toString());
            m.put("started", started == null ? null : started.toString());
            m.put("finished", finished == null ? null : finished.toString());
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("inputBytesRead", inputBytesRead.get());
            progress.put("eventsStored", eventsStored.get());
            m.put("progress", progress);
            IngestReport r = report;
            if (r != null) {
                m.put("read", r.read());
                m.put("stored", r.stored());
                m.put("rejected", r.rejected());
                m.put("duplicates", r.duplicates());
                m.put("recovered", r.recovered());
                List<Map<String, Object>> inputs = new ArrayList<>();
                for (InputReport f : r.files()) {
                    Map<String, Object> i = new LinkedHashMap<>();
                    i.put("path", f.path());
                    i.put("read", f.read());
                    i.put("stored", f.stored());
                    i.put("rejected", f.rejected());
                    i.put("duplicates", f.duplicates());
                    List<String> errors = new ArrayList<>();
                    for (IngestError e : f.errors().subList(0, Math.min(5, f.errors().size()))) {
                        errors.add((e.offset() >= 0 ? "at offset " + e.offset() + ": " : "") + e.reason());
                    }
                    i.put("errors", errors);
                    i.put("moreErrors", Math.max(0, f.errors().size() - 5));
                    inputs.add(i);
                }
                m.put("inputs", inputs);
            }
            IngestHunting.Found f = found;
            if (f != null) {
                m.put("ioas", f.ioas());
                m.put("newIoas", f.newIoas());
            }
            m.put("failure", failure);
            return m;
        }
    }

    /** {@code wrote} is told after each write to the store (a batch stored, an input done, a job ended). */
    Uploads(Path dataDir, DuckDbStore store, Supplier<RuleSet> rules, long maxBytes, Runnable wrote) {
        this.dir = dataDir.resolve("uploads");
        this.store = store;
        this.rules = rules;
        this.maxBytes = maxBytes;
        this.wrote = wrote;
    }

    /** The largest upload taken, in bytes. */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * Streams {@code body} to disk as upload {@code name} of {@code clientId} and queues its ingest.
     *
     * @throws Problem 400 for a name that is not a plain file name, 413 past {@link #maxBytes}
     */
    Job receive(String clientId, String name, InputStream body) throws IOException {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw Problem.badRequest("name must be a plain file name (letters, digits, . _ - and spaces; no folder, no '..'),"
                    + " 1 to 200 characters, e.g. name=Security.evtx");
        }
        byte[] raw = new byte[8];
        new SecureRandom().nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        Path folder = dir.resolve(id);
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        long n = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                n += r;
                if (n > maxBytes) {
                    throw new Problem(413, "Upload too large", "an upload may hold at most " + maxBytes
                            + " bytes (th serve --max-upload-mb); split the logs or zip them");
                }
                out.write(buf, 0, r);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file, folder);
            throw e;
        }
        if (n == 0) {
            deleteQuietly(file, folder);
            throw Problem.badRequest("the upload is empty: send the file's bytes as the request body");
        }
        Job job = new Job(id, clientId, name, n);
        jobs.put(id, job);
        writer.submit(() -> ingest(job, file, folder));
        return job;
    }

    /** The job with this id, when it is one of {@code clients}'. */
    Job get(String id, List<String> clients) {
        Job j = jobs.get(id);
        return j != null && clients.contains(j.clientId) ? j : null;
    }

    /** The jobs of {@code clients}, newest first. */
    List<Job> list(List<String> clients) {
        List<Job> out = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (clients.contains(j.clientId)) {
                out.add(j);
            }
        }
        out.sort((a, b) -> b.received.compareTo(a.received));
        return out;
    }

    private void ingest(Job job, Path file, Path folder) {
        job.started = Instant.now();
        job.state = "ingesting";
        try (Ingest ingest = Ingest.into(store, job.clientId).flows(new FlowIngest(FlowTable.of(store, job.clientId)))) {
            ingest.listener(new Ingest.Listener() {
                @Override
                public void stored(long count) {
                    job.eventsStored.addAndGet(count);
                    wrote.run();
                }

                @Override
                public void progress(long bytes) {
                    job.inputBytesRead.set(bytes);
                    wrote.run();
                }

                @Override
                public void inputDone(InputReport report) {
                    wrote.run();
                }
            });
            IngestHunting hunting = IngestHunting.attach(ingest, store, rules.get()::compile, List.of());
            job.report = ingest.run(List.of(file), new Sources(), Readers.defaults());
            job.found = hunting.finish();
            store.joinProcesses();
            job.state = "done";
            deleteQuietly(file, folder);
        } catch (Exception | Error e) {
            job.failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            job.state = "failed";
            System.err.println("th serve: upload " + job.id + " (" + job.name + ") failed: " + e);
        } finally {
            job.finished = Instant.now();
            wrote.run();
        }
    }

    private static void deleteQuietly(Path file, Path folder) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            System.err.println("th serve: cannot remove " + file + ": " + e.getMessage());
        }
    }

    /** Lets the jobs received finish (waiting up to 10 minutes) and stops the writer. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.MINUTES)) {
                System.err.println("th serve: the ingest still running after 10 minutes was not waited for");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
