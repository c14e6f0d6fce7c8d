package dev.th.cli;

import dev.th.ingest.IngestReport;
import dev.th.store.DuckDbStore;
import dev.th.store.Machines;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code th quickstart}: ingests the sample logs shipped in {@code samples/} (found through the
 * system property {@code th.home}, set by the {@code th} launcher) and shows what was stored.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Ingest the sample logs shipped with TH (samples/), show the machines found, hunt them with TH's rule pack and sum the IoAs up.",
        footerHeading = "%nExamples:%n",
        footer = {"  th quickstart", "  th quickstart --db /tmp/th-demo"})
public final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Spec
    CommandSpec spec;

    /** The samples folder: {@code $th.home/samples}, else {@code ./samples}. */
    static Path samples() {
        return Path.of(System.getProperty("th.home", ".")).resolve("samples");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path samples = samples();
        List<Path> inputs = List.of(samples.resolve("evtx"), samples.resolve("json"));
        if (!inputs.stream().allMatch(Files::isDirectory)) {
            spec.commandLine().getErr().println("th quickstart: the samples are missing from " + samples
                    + " (run TH through the `th` launcher, or set -Dth.home to the TH folder)");
            return 1;
        }
        out.println("Ingesting the samples of " + samples + " into " + db.path() + " ...");
        try (DuckDbStore store = db.open()) {
            IngestReport r = IngestRun.run(store, "default", inputs, out, System.err);
            out.println();
            out.println("Machines:");
            Output.print(Machines.list(store), Output.Format.table, out);
            out.println();
            QuickHunt.run(store, out);
            out.println();
            out.println("Next: th machines --db " + db.path() + "   |   th ingest --db " + db.path() + " YOUR_LOGS...");
            out.println("      th ioa list --db " + db.path() + "   |   th hunt --db " + db.path() + " --rules SIGMA_RULES_FOLDER");
            out.println("      th machine WORKSTATION5 executions --period all --db " + db.path()
                    + "   |   th machine --help (every seed method)");
            return r.allRead() ? 0 : 2;
        }
    }
}
