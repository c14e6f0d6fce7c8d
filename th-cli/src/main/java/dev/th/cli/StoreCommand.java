package dev.th.cli;

import dev.th.normalize.Normalizer;
import dev.th.store.DuckDbStore;
import dev.th.store.Renormalizer;
import dev.th.store.StoreRewrite;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th store}: upkeep of the store itself. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Upkeep of the store.",
        footerHeading = "%nExamples:%n",
        footer = {"  th store renormalize", "  th store renormalize --db /data/th --all", "  th store compact --db /data/th",
            "  th store upgrade --db /data/th", "  th store check --db /data/th"},
        subcommands = {StoreCommand.Renormalize.class, StoreCommand.Compact.class, StoreCommand.Upgrade.class,
            StoreCommand.Check.class})
public final class StoreCommand {

    /** {@code th store check}: every block read, every input's rows counted. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check the store without changing it: read every column of every table (so DuckDB verifies the"
                + " checksum of every block), then count each input's rows (events, flows, flow names) against what the"
                + " inputs table says was stored, and look for rows of no recorded input. Prints each problem (the table"
                + " and column, or the input) and a last line saying whether the store is whole."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the store is whole", "2:the store is damaged (what is wrong is printed)",
                "1:the store could not be checked (none there, or another process has it open)"},
            footerHeading = "%nExamples:%n",
            footer = {"  th store check", "  th store check --db /data/th"})
    static final class Check implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!db.hasStore()) {
                throw new dev.th.ingest.StoreException(db.noStore());
            }
            PrintWriter out = spec.commandLine().getOut();
            java.nio.file.Path file = db.path().resolve(DuckDbStore.FILE_NAME);
            dev.th.store.StoreCheck.Result r;
            try {
                r = dev.th.store.StoreCheck.run(file, dev.th.store.StoreLimits.fromSystem());
            } catch (java.sql.SQLException e) {
                java.util.Optional<String> held = HeldStore.explain(e.getMessage());
                if (held.isPresent()) {
                    throw new dev.th.ingest.StoreException(held.get(), e);
                }
                out.println(file + ": DAMAGED: cannot be opened: " + e.getMessage().replaceAll("\\s+", " ").trim());
                out.flush();
                return 2;
            }
            r.problems().forEach(p -> out.println(file + ": " + p));
            long rows = r.rows().values().stream().mapToLong(Long::longValue).sum();
            out.printf(java.util.Locale.ROOT, "%s: %s: %d tables read in full (%,d rows; events %,d), %d inputs' rows counted"
                    + " against the inputs table%s%n", file, r.ok() ? "whole" : "DAMAGED", r.rows().size(), rows,
                    r.rows().getOrDefault("events", 0L), r.inputs(), r.ok() ? "" : "; " + r.problems().size() + " problem"
                    + (r.problems().size() == 1 ? "" : "s"));
            out.flush();
            return r.ok() ? 0 : 2;
        }
    }

    /** {@code th store compact}: the store written again with its events in layout order. */
    @Command(name = "compact", mixinStandardHelpOptions = true,
            description = {"Write the store again with its events ordered by machine (Muid: client and name) and time, so that a question"
                + " about one machine reads only that machine's row groups (ingest stores events in arrival order). The new"
                + " file is written beside the store (th.duckdb.rewrite) and put in its place by a rename once every"
                + " table's row count and content hash match the old file's: an interrupted run leaves the store as it"
                + " was. Needs free disk for a second copy and for DuckDB's sort (temporary files beside the store);"
                + " other commands cannot write to the store meanwhile. On a terminal a progress line shows how far it is."},
            footerHeading = "%nExamples:%n",
            footer = {"  th store compact", "  th store compact --db /data/th"})
    static final class Compact implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return rewrite(db, spec, "compacted");
        }
    }

    /** {@code th store upgrade}: a store made by an earlier version written again as TH makes stores now. */
    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = {"Write a store made before storage version " + "v1.4.0 (no ZSTD for strings: the original fields"
                + " take about 12 times the room) again as TH makes stores now, its events in layout order as"
                + " `th store compact` writes them (same safety: a new file, checked, then renamed). A current store is"
                + " left as it is."},
            footerHeading = "%nExamples:%n",
            footer = {"  th store upgrade", "  th store upgrade --db /data/th"})
    static final class Upgrade implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String why;
            try (DuckDbStore store = db.existing(db.noStoreIngestFirst())) {
                why = StoreRewrite.upgradeReason(store.connection());
            } catch (java.sql.SQLException e) {
                throw new dev.th.ingest.StoreException("cannot read " + db.path() + ": " + e.getMessage(), e);
            }
            if (why == null) {
                spec.commandLine().getOut().println(db.path() + ": the store is current (storage version "
                        + "v1.4.0, original fields ZSTD-compressed): nothing to do");
                return 0;
            }
            spec.commandLine().getOut().println(db.path() + ": " + why + "; upgrading");
            return rewrite(db, spec, "upgraded");
        }
    }

    /** Runs {@link StoreRewrite} with a progress line on a terminal, then one line of what it did. */
    static int rewrite(DataDir db, CommandSpec spec, String done) {
        if (!db.hasStore()) {
            throw new dev.th.ingest.StoreException(db.noStoreIngestFirst());
        }
        boolean terminal = System.console() != null;
        long start = System.nanoTime();
        StoreRewrite.Result r = StoreRewrite.run(db.path(), dev.th.store.StoreLimits.fromSystem(), f -> {
            if (terminal) {
                int pct = (int) Math.round(f * 100);
                System.err.printf("\r[%s%s] events copied in layout order: %d%%, %.0f s", "#".repeat(pct / 5),
                        " ".repeat(20 - pct / 5), pct, (System.nanoTime() - start) / 1e9);
            }
        });
        if (terminal) {
            System.err.print("\r" + " ".repeat(80) + "\r");
        }
        long events = r.rows().getOrDefault("events", 0L);
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                "%s: %s, %,d events (%d tables, every row count and content hash checked), %,.1f MB -> %,.1f MB "
                + "(%.0f bytes/event), storage version %s -> v1.4.0, in %.1f s%n", db.path(), done, events,
                r.rows().size(), r.bytesBefore() / 1e6, r.bytesAfter() / 1e6, events == 0 ? 0.0 : (double) r.bytesAfter() / events,
                r.fromVersion(), r.seconds());
        return 0;
    }

    /** {@code th store renormalize}: inputs of an older normalizer made again from their fields. */
    @Command(name = "renormalize", mixinStandardHelpOptions = true,
            description = {"Make the events of inputs stored by an earlier normalizer version again from their own fields,",
                "so a store built before a mapping change gives the new answers (the normalizer version of each input",
                "is kept in the store). IoAs keep pointing at their events. A store made before application kinds",
                "(normalizer version 4) or attributes (version 6) gets them this way, once; th ingest does it first",
                "when it adds to such a store. On a terminal a progress line shows the events done."},
            footerHeading = "%nExamples:%n",
            footer = {"  th store renormalize", "  th store renormalize --db /data/th --all"})
    static final class Renormalize implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Option(names = "--all", description = "Every input, also those of the current version.")
        boolean all;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (DuckDbStore store = db.existing(db.noStoreIngestFirst())) {
                List<Renormalizer.Result> results = run(store, all);
                for (Renormalizer.Result r : results) {
                    out.println(r.path() + ": " + r.events() + " events, normalizer version " + r.fromVersion() + " -> "
                            + Normalizer.VERSION);
                    for (String note : r.notes()) {
                        out.println("  " + note);
                    }
                }
                out.println(results.isEmpty() ? "every input is at normalizer version " + Normalizer.VERSION
                        : results.size() + " input(s) renormalized");
                return 0;
            }
        }

        /** Renormalizes the inputs of {@code store} (older ones, or all), with a progress line on a terminal. */
        static List<Renormalizer.Result> run(DuckDbStore store, boolean all) {
            Renormalizer renormalizer = new Renormalizer(store);
            long start = System.nanoTime();
            boolean terminal = System.console() != null;
            if (terminal) {
                renormalizer.progress((done, total) -> System.err.print("\r" + progressLine(done, total, start)));
            }
            List<Renormalizer.Result> results = renormalizer.run(all);
            if (terminal) {
                System.err.print("\r" + " ".repeat(80) + "\r");
            }
            return results;
        }

        /**
         * Before {@code th ingest} adds to a store made by an older normalizer: its older inputs are
         * enriched in place first (once; later ingests find nothing to do), and {@code out} says so.
         */
        static void enrichOlder(DuckDbStore store, PrintWriter out) {
            List<Renormalizer.Result> results = run(store, false);
            long events = 0;
            for (Renormalizer.Result r : results) {
                events += r.events();
            }
            if (!results.isEmpty()) {
                out.println("enriched in place first: " + results.size() + " input(s) of an older normalizer, " + events
                        + " events, now at normalizer version " + Normalizer.VERSION);
            }
        }

        /** {@code [#####     ] 1,234,567 of 2,000,000 events (61%), 215,000 events/s}. */
        static String progressLine(long done, long total, long startNanos) {
            double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
            int pct = total == 0 ? 100 : (int) (100 * done / total);
            String bar = "#".repeat(pct / 5) + " ".repeat(20 - pct / 5);
            return String.format("[%s] %,d of %,d events (%d%%), %,.0f events/s", bar, done, total, pct, done / secs);
        }
    }
}
