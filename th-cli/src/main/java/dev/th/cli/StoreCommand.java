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
                "is kept in the store). IoAs keep pointing at their events."},
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
                List<Renormalizer.Result> results = new Renormalizer(store).run(all);
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
    }
}
