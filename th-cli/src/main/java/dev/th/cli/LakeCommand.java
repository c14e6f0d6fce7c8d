package dev.th.cli;

import dev.th.hunt.RuleSet;
import dev.th.lake.LakeExport;
import dev.th.lake.LakeIngest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th lake}: the Parquet lake that the Spark engine queries (docs/cluster.md). */
@Command(name = "lake", mixinStandardHelpOptions = true,
        description = "The Parquet lake queried by the Spark engine (docs/cluster.md).",
        footerHeading = "%nExamples:%n",
        footer = {"  th lake ingest --lake /data/th-lake --client acme /cases/acme/",
                "  th lake export --db th-data --lake /data/th-lake"},
        subcommands = {LakeCommand.Ingest.class, LakeCommand.Export.class})
public final class LakeCommand {

    /** {@code th lake export}: the store's tables as a new lake version. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the store's tables into the lake as Parquet (ZSTD), partitioned by ClientId and Date,",
                "committed as one new version by an atomic rename. Tables unchanged since the lake's last version",
                "keep their files: exporting an unchanged store writes nothing."},
            footerHeading = "%nExamples:%n",
            footer = {"  th lake export --db th-data --lake /data/th-lake"})
    static final class Export implements Callable<Integer> {
        @Option(names = "--db", paramLabel = "DIR", defaultValue = "th-data",
                description = "Data directory holding the store (th.duckdb) to export. Default: ${DEFAULT-VALUE}")
        Path db;

        @Option(names = "--lake", paramLabel = "PATH", required = true, description = "The lake's folder (created when absent).")
        Path lake;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LakeExport.Result r = LakeExport.run(db, lake);
            out.println("lake " + lake + ": version " + r.version() + "; written: "
                    + (r.written().isEmpty() ? "nothing (unchanged)" : String.join(", ", r.written()))
                    + (r.unchanged().isEmpty() ? "" : "; unchanged: " + String.join(", ", r.unchanged())));
            return 0;
        }
    }

    /** {@code th lake ingest}: TH's ingest as a Spark job writing the lake. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Ingest log files (EVTX, JSON, XML; folders, zips) into the lake as a Spark job: one task per file,",
                "a large EVTX file split by chunk ranges; each task parses, normalizes, links and hunts (TH's rule pack",
                "unless --no-hunt or --rules) with the embedded ingest's code. Its Parquet files are committed as one new",
                "lake version; a retried task's files are never committed twice, and an input already in the lake",
                "(same content hash) is not read again. Spark master: -Dth.spark.master (default local[2]; docs/cluster.md)."},
            footerHeading = "%nExamples:%n",
            footer = {"  th lake ingest --lake /data/th-lake --client acme /cases/acme/",
                "  th lake ingest --lake /data/th-lake --no-hunt --chunks-per-task 32 big.evtx"})
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--lake", paramLabel = "PATH", required = true, description = "The lake's folder (created when absent).")
        Path lake;

        @Option(names = "--client", paramLabel = "ID", defaultValue = "default", description = "The client the logs belong to. Default: ${DEFAULT-VALUE}")
        String client;

        @Option(names = "--chunks-per-task", paramLabel = "N", defaultValue = "16",
                description = "Cut EVTX files of more than N chunks (64 KiB each) into tasks of N chunks. Default: ${DEFAULT-VALUE}")
        int chunksPerTask;

        @Mixin
        RuleSources rules = new RuleSources();

        @Option(names = "--no-hunt", description = "Do not run rules at ingest.")
        boolean noHunt;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files and folders to ingest.")
        List<Path> paths;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            LakeIngest.Options options = LakeIngest.Options.of(client).chunksPerTask(chunksPerTask);
            if (!noHunt) {
                options = options.rules(RuleSet.texts(rules.paths()));
            }
            long t0 = System.nanoTime();
            LakeIngest.Result r = LakeIngest.run(lake, paths, options);
            IngestRun.summary(r.report(), (System.nanoTime() - t0) / 1e9, "Lake: " + lake + ", version " + r.version(), out);
            out.printf("%d Spark tasks%s; %d new IoAs%n", r.units(), r.retried() == 0 ? "" : " (" + r.retried() + " retried)", r.newIoas());
            return 0;
        }
    }
}
