package dev.th.cli;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioc.IocList;
import dev.th.ingest.Ingest;
import dev.th.store.DuckDbStore;
import dev.th.store.IngestHunting;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Hunting at ingest: the options of {@code th ingest} ({@code --rules}, {@code --th-rules},
 * {@code --ioc}, {@code --no-hunt}), reading what they name and printing what
 * {@link IngestHunting} found. By default TH's own rule pack runs.
 */
public final class IngestHunt {
    @Mixin
    RuleSources rules = new RuleSources();

    @Option(names = "--ioc", paramLabel = "FILE", split = ",",
            description = "IoC lists to load into the store (MD5, IP, domain); every ingest is matched against all loaded lists.")
    List<Path> iocFiles = new ArrayList<>();

    @Option(names = "--no-hunt", description = "Do not run rules at ingest (IoC lists are still matched).")
    boolean noHunt;

    /** The rules and IoC lists read for one ingest, ready to {@link #attach}. */
    final class Prepared {
        private final RuleSet set;
        private final List<IocList> lists;
        private final PrintWriter err;
        private IngestHunting hunting;
        private IngestHunting.Found found;

        private Prepared(RuleSet set, List<IocList> lists, PrintWriter err) {
            this.set = set;
            this.lists = lists;
            this.err = err;
        }

        /**
         * Hunts what {@code ingest} stores (keeping its listener, e.g. the progress bar): loads
         * the IoC lists into the store and matches them against what is already stored.
         *
         * @throws IllegalStateException when the store refuses the tables (one line for the user)
         */
        void attach(Ingest ingest, DuckDbStore store) {
            try {
                hunting = IngestHunting.attach(ingest, store, set == null ? null : set::compile, lists);
            } catch (SQLException e) {
                throw new IllegalStateException("the store refused the hunting tables: " + e.getMessage(), e);
            }
        }

        /** Writes what is waiting; call once the pipeline is done. */
        void finish() {
            found = hunting.finish();
            if (found.failure() != null) {
                err.println("th: hunting at ingest failed: " + found.failure() + " (the events are stored; the next th ingest into this store hunts them, or run th hunt --db)");
            }
        }

        /** Prints what hunting at ingest found; call after {@link #finish}. */
        void summary(PrintWriter out) {
            IngestHunting.Found f = found;
            if (set == null) {
                out.printf("Not hunted at ingest (--no-hunt)%s%n",
                        lists.isEmpty() ? "" : "; " + f.newDetections() + " new IoC detections");
                return;
            }
            out.printf("Hunted at ingest: %d IoAs (%d new)%s%s%n", f.ioas(), f.newIoas(),
                    f.newDetections() > 0 || !iocFiles.isEmpty() ? ", " + f.newDetections() + " new IoC detections" : "",
                    f.failure() == null ? "" : " (stopped: " + f.failure() + ")");
            HuntCommand.byRule(f.byRule(), out);
            if (f.rehunted() > 0) {
                out.printf("Hunted again: %d input%s an earlier ingest stored but was stopped before hunting (its IoAs are in the figures above)%n",
                        f.rehunted(), f.rehunted() == 1 ? "" : "s");
            }
        }
    }

    /**
     * Reads the IoC lists (saying which lines were skipped) and the rules (saying how many
     * loaded), before anything is stored.
     *
     * @throws IllegalStateException when an IoC list or the rules cannot be read (one line for
     *     the user)
     */
    Prepared prepare(PrintStream errStream) {
        PrintWriter err = new PrintWriter(errStream, true);
        try {
            List<IocList> lists = new ArrayList<>();
            for (Path f : iocFiles) {
                IocList l = IocList.read(f);
                l.problems().forEach(p -> err.println("th: IoC line skipped: " + p));
                lists.add(l);
            }
            RuleSet set = noHunt ? null : rules.load(err);
            return new Prepared(set, lists, err);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no such file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
