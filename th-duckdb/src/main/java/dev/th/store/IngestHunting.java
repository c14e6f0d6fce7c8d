package dev.th.store;

import dev.th.event.RawEvent;
import dev.th.hunt.Matcher;
import dev.th.hunt.Tested;
import dev.th.hunt.ioa.Hunter;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFactory;
import dev.th.hunt.ioc.IocList;
import dev.th.ingest.Ingest;
import dev.th.ingest.InputReport;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Hunting at ingest: runs the rules over each event as the pipeline reads it (an
 * {@link Ingest.Tap}: the rules' tests on the decoding threads, the IoAs and correlation windows
 * in stream order on the storing thread) and keeps an input's IoAs once its
 * {@link Ingest.Listener#inputDone} says it was stored. The store groups several inputs in one
 * transaction, so the IoAs are written to the {@code ioas} table (new ones only) and the store's
 * IoC lists matched against the new inputs once about {@value #HUNT_ROWS} rows are waiting and at
 * {@link #finish}, right after the store is flushed. With rules, the holes in the record ids of
 * the channels the new inputs fed are IoAs too ({@link RecordGaps}), raised at {@link #finish}.
 * An ingest killed (or whose hunt failed) after some inputs were committed but before their IoAs
 * were leaves those inputs unhunted; the next ingest into the store hunts them at {@link #finish}
 * ({@link IngestRuns}), so no IoA is lost to a crash.
 *
 * <pre>{@code
 * try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, "acme")) {
 *     IngestHunting hunting = IngestHunting.attach(ingest, store, rules::compile, List.of());
 *     ingest.run(paths, new Sources(), Readers.defaults());
 *     IngestHunting.Found found = hunting.finish();
 * }
 * }</pre>
 */
public final class IngestHunting implements Ingest.Listener, Ingest.Tap {
    /** Stored rows after which the waiting IoAs are written. */
    public static final long HUNT_ROWS = 200_000;
    /** IoAs of the input being read kept on the heap; beyond, they wait in a temporary file. */
    static final int SPILL_IOAS = 10_000;

    private final Ingest.Listener inner;
    private final DuckDbStore store;
    private final RetroHunt hunt;
    private final Hunter hunter;
    private final String clientId;
    private final Supplier<Matcher> rules;
    private final IngestRuns runs;
    private final String runId;
    /** What earlier ingests stored and did not hunt, hunted at {@link #finish}. */
    private final IngestRuns.Unended unended;
    private int rehunted;
    private final Map<String, Long> byRule = new TreeMap<>();
    private final List<Ioa> current = new ArrayList<>();
    private final List<Ioa> pendingIoas = new ArrayList<>();
    private final List<String> pendingInputs = new ArrayList<>();
    /** The current input's IoAs beyond {@value #SPILL_IOAS}, on disk until the input is stored. */
    private IoaSpill spill;
    /** {@value #SPILL_IOAS}, lower in tests. */
    int spillAt = SPILL_IOAS;
    private final List<String> huntedInputs = new ArrayList<>();
    private long pendingRows;
    private long ioas;
    private long newIoas;
    private long detections;
    private String failure;
    private boolean finished;

    private IngestHunting(Ingest.Listener inner, DuckDbStore store, RetroHunt hunt, Supplier<Matcher> rules,
            String clientId) throws SQLException {
        this.inner = inner;
        this.store = store;
        this.hunt = hunt;
        this.clientId = clientId;
        this.rules = rules;
        this.runs = new IngestRuns(store.connection());
        this.unended = runs.unended(rules != null);
        this.runId = runs.start(rules != null);
        this.hunter = rules == null ? null : new Hunter(rules, IoaFactory.standard(), Instant.now(), this::found);
    }

    /**
     * Hunts what {@code ingest} stores into {@code store}. Becomes the pipeline's listener,
     * passing every call on to the one it had (set yours before), and its tap when there are
     * rules. Loads {@code iocLists} into the store first and, when there are any, matches them
     * against what is already stored; each ingested input is matched against all the lists the
     * store holds.
     *
     * @param rules a fresh matcher per client (e.g. {@code ruleSet::compile}), or null to match
     *     IoC lists only
     * @throws SQLException when the store refuses the hunting tables or the lists
     */
    public static IngestHunting attach(Ingest ingest, DuckDbStore store, Supplier<Matcher> rules, List<IocList> iocLists)
            throws SQLException {
        RetroHunt hunt = new RetroHunt(store.connection());
        Instant now = Instant.now();
        for (IocList l : iocLists) {
            hunt.iocs().load(l, now);
        }
        IngestHunting h = new IngestHunting(ingest.listener(), store, hunt, rules, ingest.clientId());
        if (!iocLists.isEmpty()) {
            h.detections += hunt.iocs().match(null);
        }
        ingest.listener(h);
        if (rules != null) {
            ingest.tap(h);
        }
        return h;
    }

    @Override
    public void event(RawEvent event) {
        if (hunter != null) {
            hunter.event(clientId, event);
        }
    }

    /** Runs the rules' tests on the decoding thread; the hits become IoAs in stream order. */
    @Override
    public Object prepare(RawEvent event) {
        return hunter == null ? null : hunter.test(clientId, event);
    }

    @Override
    public void event(RawEvent event, Object prepared) {
        if (hunter == null) {
            return;
        }
        if (prepared instanceof Tested t) {
            hunter.deliver(clientId, t);
        } else {
            hunter.event(clientId, event);
        }
    }

    private void found(List<Ioa> batch) {
        current.addAll(batch);
        if (current.size() >= spillAt) {
            if (spill == null) {
                spill = new IoaSpill();
            }
            spill.addAll(current);
            current.clear();
        }
    }

    /** Writes what waits, then the spilled IoAs batch by batch (the store is flushed first). */
    private void drainSpill() {
        if (spill == null) {
            return;
        }
        try {
            write();
            if (failure == null) {
                spill.forEachBatch(SPILL_IOAS, this::insert);
            }
        } catch (RuntimeException e) {
            failure = e.getMessage();
        } finally {
            spill.close();
            spill = null;
        }
    }

    @Override
    public void inputStarted(String path, long size) {
        inner.inputStarted(path, size);
    }

    @Override
    public void stored(long count) {
        inner.stored(count);
    }

    @Override
    public void progress(long bytes) {
        inner.progress(bytes);
    }

    @Override
    public void inputDone(InputReport report) {
        inner.inputDone(report);
        if (hunter != null) {
            hunter.flush();
        }
        if (report.stored() > 0 && report.contentHash() != null) {
            pendingInputs.add(report.contentHash());
            pendingRows += report.stored();
            drainSpill();
            pendingIoas.addAll(current);
        } else if (spill != null) {
            spill.close();
            spill = null;
        }
        current.clear();
        if (pendingRows >= HUNT_ROWS || pendingIoas.size() >= HUNT_ROWS / 10) {
            write();
        }
    }

    /**
     * Closes the correlation windows and writes what is waiting; call once the pipeline is done
     * (again returns the same figures).
     */
    public Found finish() {
        if (!finished) {
            finished = true;
            if (hunter != null) {
                hunter.finish();
                drainSpill();
                pendingIoas.addAll(current);
                current.clear();
            }
            joinProcesses();
            write();
            recordGaps();
            huntUnended();
            if (failure == null) {
                try {
                    List<String> ended = new ArrayList<>(unended.ids());
                    ended.add(runId);
                    runs.end(ended);
                } catch (SQLException e) {
                    failure = e.getMessage();
                }
            }
        }
        return new Found(ioas, newIoas, Map.copyOf(byRule), detections, failure, rehunted);
    }

    private void insert(List<Ioa> batch) {
        try {
            newIoas += hunt.ioas().insert(batch);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        ioas += batch.size();
        batch.forEach(a -> byRule.merge(a.huntingRule(), 1L, Long::sum));
        uncount(hunt.ioas().lastDropped());
    }

    private void write() {
        if (pendingInputs.isEmpty() && pendingIoas.isEmpty() || failure != null) {
            return;
        }
        try {
            store.flush();
            insert(pendingIoas);
            hunt.ioas().alignToEventClock(pendingInputs);
            huntedInputs.addAll(pendingInputs);
            detections += hunt.iocs().match(pendingInputs);
        } catch (SQLException | RuntimeException e) {
            failure = e.getMessage();
        }
        pendingIoas.clear();
        pendingInputs.clear();
        pendingRows = 0;
    }

    /**
     * Raises the holes in the record ids of the channels the stored inputs fed, once all are
     * stored (a hole between two inputs of one run is known only then; one pass over those
     * channels instead of one per batch).
     */
    private void recordGaps() {
        if (hunter == null || failure != null || huntedInputs.isEmpty()) {
            return;
        }
        try {
            List<Ioa> gaps = RecordGaps.ioas(store.connection(), huntedInputs, Instant.now());
            ioas += gaps.size();
            newIoas += hunt.ioas().insert(gaps);
            gaps.forEach(a -> byRule.merge(a.huntingRule(), 1L, Long::sum));
        } catch (SQLException | RuntimeException e) {
            failure = e.getMessage();
        }
    }

    /**
     * Hunts the inputs that ingests killed before their hunt ended had stored (the rules, the
     * holes in record ids, the IoC lists); their IoAs count in the figures.
     */
    private void huntUnended() {
        List<String> inputs = new ArrayList<>(unended.inputs());
        inputs.removeAll(huntedInputs);
        if (failure != null || inputs.isEmpty()) {
            return;
        }
        try {
            RetroHunt.Result r = hunt.run(rules, null, null, inputs, Instant.now());
            hunt.ioas().alignToEventClock(inputs);
            ioas += r.hits();
            newIoas += r.newIoas();
            r.hitsByRule().forEach((rule, n) -> byRule.merge(rule, n, Long::sum));
            detections += r.newDetections();
            rehunted = inputs.size();
        } catch (SQLException | RuntimeException e) {
            failure = e.getMessage();
        }
    }

    /**
     * Joins the records of one process ({@link ProcessJoin}) now that everything is stored, and
     * takes the IoAs it dropped (a rule that matched both records of one process) out of the figures.
     */
    private void joinProcesses() {
        if (failure != null) {
            return;
        }
        try {
            Map<String, String> dropped = store.joinProcesses().droppedIoas();
            uncount(dropped);
            newIoas -= dropped.size();
        } catch (RuntimeException e) {
            failure = e.getMessage();
        }
    }

    /** Takes IoAs a join dropped out of the figures. */
    private void uncount(Map<String, String> dropped) {
        ioas -= dropped.size();
        RetroHunt.uncount(byRule, dropped);
    }

    /**
     * What hunting at ingest found.
     *
     * @param ioas IoAs produced on the stored inputs (stored before or not)
     * @param newIoas IoAs not stored before
     * @param byRule IoAs produced per rule title
     * @param newDetections IoC detections stored
     * @param failure why hunting stopped writing (the events are stored; hunt the store later),
     *     or null
     * @param rehunted inputs stored by an earlier ingest that ended before hunting them (killed),
     *     hunted by this one
     */
    public record Found(long ioas, long newIoas, Map<String, Long> byRule, long newDetections, String failure,
                        int rehunted) {
    }
}
