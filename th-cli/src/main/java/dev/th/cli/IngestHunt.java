package dev.th.cli;

import dev.th.event.RawEvent;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.Hunter;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFactory;
import dev.th.hunt.ioc.IocList;
import dev.th.ingest.Ingest;
import dev.th.ingest.InputReport;
import dev.th.store.DuckDbStore;
import dev.th.store.RetroHunt;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Hunting at ingest: the options of {@code th ingest} ({@code --rules}, {@code --th-rules},
 * {@code --ioc}, {@code --no-hunt}) and the hook that runs the rules over the events as they are
 * read and matches the store's IoC lists against each stored input. By default TH's own rule
 * pack runs.
 */
public final class IngestHunt {
    @Mixin
    RuleSources rules = new RuleSources();

    @Option(names = "--ioc", paramLabel = "FILE", split = ",",
            description = "IoC lists to load into the store (MD5, IP, domain); every ingest is matched against all loaded lists.")
    List<Path> iocFiles = new ArrayList<>();

    @Option(names = "--no-hunt", description = "Do not run rules at ingest (IoC lists are still matched).")
    boolean noHunt;

    /**
     * Hunts the events the pipeline stores, as they are read (an {@link Ingest.Tap} on the
     * reading thread), and keeps each input's IoAs once its {@link Ingest.Listener#inputDone}
     * says it was stored. The store groups several inputs in one transaction, so IoAs are written
     * (and IoC lists matched against the new inputs) once about {@value #HUNT_ROWS} rows are
     * waiting and at {@link #finish}, right after the store is flushed.
     */
    final class Hook implements Ingest.Listener, Ingest.Tap {
        static final long HUNT_ROWS = 200_000;
        private final Ingest.Listener inner;
        private final DuckDbStore store;
        private final RetroHunt hunt;
        private final Hunter hunter;
        private final String clientId;
        private final PrintWriter err;
        private final Map<String, Long> byRule = new TreeMap<>();
        private final List<Ioa> current = new ArrayList<>();
        private final List<Ioa> pendingIoas = new ArrayList<>();
        private final List<String> pendingInputs = new ArrayList<>();
        private long pendingRows;
        private long ioas;
        private long newIoas;
        private long detections;
        private String failure;

        private Hook(Ingest.Listener inner, DuckDbStore store, RetroHunt hunt, RuleSet set, String clientId,
                PrintWriter err) {
            this.inner = inner;
            this.store = store;
            this.hunt = hunt;
            this.clientId = clientId;
            this.err = err;
            this.hunter = set == null ? null : new Hunter(set::compile, IoaFactory.standard(), Instant.now(), current::addAll);
        }

        @Override
        public void event(RawEvent event) {
            if (hunter != null) {
                hunter.event(clientId, event);
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
        public void inputDone(InputReport report) {
            inner.inputDone(report);
            if (hunter != null) {
                hunter.flush();
            }
            if (report.stored() > 0 && report.contentHash() != null) {
                pendingIoas.addAll(current);
                pendingInputs.add(report.contentHash());
                pendingRows += report.stored();
            }
            current.clear();
            if (pendingRows >= HUNT_ROWS || pendingIoas.size() >= HUNT_ROWS / 10) {
                write();
            }
        }

        /** Closes correlation windows and writes what is waiting; call once the pipeline is done. */
        void finish() {
            if (hunter != null) {
                hunter.finish();
                pendingIoas.addAll(current);
                current.clear();
            }
            write();
        }

        private void write() {
            if (pendingInputs.isEmpty() && pendingIoas.isEmpty() || failure != null) {
                return;
            }
            try {
                store.flush();
                ioas += pendingIoas.size();
                newIoas += hunt.ioas().insert(pendingIoas);
                pendingIoas.forEach(a -> byRule.merge(a.huntingRule(), 1L, Long::sum));
                detections += hunt.iocs().match(pendingInputs);
            } catch (SQLException | RuntimeException e) {
                failure = e.getMessage();
                err.println("th: hunting at ingest failed: " + failure + " (the events are stored; run th hunt --db later)");
            }
            pendingIoas.clear();
            pendingInputs.clear();
            pendingRows = 0;
        }

        /** Prints what hunting at ingest found. */
        void summary(PrintWriter out) {
            out.printf("Hunted at ingest: %d IoAs (%d new)%s%s%n", ioas, newIoas,
                    detections > 0 || !iocFiles.isEmpty() ? ", " + detections + " new IoC detections" : "",
                    failure == null ? "" : " (stopped: " + failure + ")");
            HuntCommand.byRule(byRule, out);
        }
    }

    /**
     * The listener to give the pipeline: wraps {@code inner} (e.g. the progress bar; null for
     * none) and hunts each committed input. Loads the IoC lists into the store first and matches
     * them against what is already stored.
     *
     * @throws IllegalStateException when an IoC list or the rules cannot be read, or the store
     *     refuses the tables (one line for the user)
     */
    Hook start(Ingest.Listener inner, DuckDbStore store, String clientId, PrintStream errStream) {
        PrintWriter err = new PrintWriter(errStream, true);
        try {
            RetroHunt hunt = new RetroHunt(store.connection());
            for (Path f : iocFiles) {
                IocList l = IocList.read(f);
                l.problems().forEach(p -> err.println("th: IoC line skipped: " + p));
                hunt.iocs().load(l, Instant.now());
            }
            RuleSet set = noHunt ? null : rules.load(err);
            Hook hook = new Hook(inner == null ? new Ingest.Listener() { } : inner, store, hunt, set, clientId, err);
            if (!iocFiles.isEmpty()) {
                hook.detections += hunt.iocs().match(null);
            }
            return hook;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no such file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("the store refused the hunting tables: " + e.getMessage(), e);
        }
    }
}
