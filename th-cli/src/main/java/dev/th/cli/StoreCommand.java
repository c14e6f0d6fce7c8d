package dev.th.cli;

import dev.th.normalize.Normalizer;
import dev.th.store.DuckDbStore;
import dev.th.store.Renormalizer;
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
        footer = {"  th store renormalize", "  th store renormalize --db /data/th --all"},
        subcommands = {StoreCommand.Renormalize.class})
public final class StoreCommand {

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
