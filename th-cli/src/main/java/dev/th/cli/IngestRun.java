package dev.th.cli;

import dev.th.flow.FlowAssignment;
import dev.th.flow.FlowIngest;
import dev.th.ingest.IngestError;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import dev.th.store.FlowTable;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Runs an ingest for a command: progress on a terminal, then a summary. */
final class IngestRun {
    /** Inputs listed one by one in the summary when there are no more than this. */
    private static final int LIST_INPUTS = 20;
    /** Errors listed per input in the summary (all of them go to --report). */
    private static final int LIST_ERRORS = 5;

    private IngestRun() {
    }

    static IngestReport run(DuckDbStore store, String clientId, List<Path> paths, PrintWriter out, PrintStream err) {
        return run(store, clientId, paths, out, err, null);
    }

    /** As above, hunting each input right after it is stored when {@code hunt} is given. */
    static IngestReport run(DuckDbStore store, String clientId, List<Path> paths, PrintWriter out, PrintStream err,
            IngestHunt hunt) {
        long t0 = System.nanoTime();
        IngestReport report;
        ProgressBar bar = System.console() != null ? new ProgressBar(err, InputBytes.of(paths)) : null;
        IngestHunt.Prepared hunting = hunt == null ? null : hunt.prepare(err);
        FlowAssignment assignment = null;
        try (Ingest ingest = Ingest.into(store, clientId).flows(new FlowIngest(FlowTable.of(store, clientId)))) {
            if (bar != null) {
                ingest.listener(bar);
            }
            if (hunting != null) {
                hunting.attach(ingest, store);
            }
            report = ingest.run(paths, new Sources(), Readers.defaults());
            assignment = ingest.flowAssignment().orElse(null);
            if (hunting != null) {
                hunting.finish();
            }
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        summary(report, (System.nanoTime() - t0) / 1e9, store, out);
        if (assignment != null) {
            out.println(assignment.describe());
            out.flush();
        }
        if (hunting != null) {
            hunting.summary(out);
        }
        return report;
    }

    static void summary(IngestReport r, double seconds, DuckDbStore store, PrintWriter out) {
        summary(r, seconds, "Store: " + store.file(), out);
    }

    /** The summary, ending with {@code where} (the store or lake written). */
    static void summary(IngestReport r, double seconds, String where, PrintWriter out) {
        boolean listAll = r.files().size() <= LIST_INPUTS;
        for (InputReport f : r.files()) {
            if (listAll || f.hasRejects() || !f.warnings().isEmpty()) {
                out.printf("%-9s %7d read %7d stored %5d rejected %7d duplicates  %s%n",
                        f.hasRejects() ? "REJECTED" : f.stored() == 0 && f.read() > 0 ? "duplicate" : "ok",
                        f.read(), f.stored(), f.rejected(), f.duplicates(), f.path());
            }
            List<IngestError> errors = ReportFile.errorsAndWarnings(f);
            for (int i = 0; i < Math.min(LIST_ERRORS, errors.size()); i++) {
                IngestError e = errors.get(i);
                out.printf("          %s%s%n", e.offset() >= 0 ? "at offset " + e.offset() + ": " : "", e.reason());
            }
            if (errors.size() > LIST_ERRORS) {
                out.printf("          ... %d more (see --report)%n", errors.size() - LIST_ERRORS);
            }
        }
        out.printf("Ingested %d input%s (%.1f MB) in %.1f s: %d records read, %d stored, %d rejected, %d duplicates%n",
                r.files().size(), r.files().size() == 1 ? "" : "s", r.bytes() / 1e6, seconds, r.read(), r.stored(),
                r.rejected(), r.duplicates());
        if (r.recovered() > 0) {
            out.printf("Of those read, %d were recovered records (found outside a log's live region: older records in"
                    + " EVTX slack space, or carved; stored with Recovered = true)%n", r.recovered());
        }
        out.println(where);
        out.flush();
    }
}
