package dev.th.cli;

import dev.th.lake.LakeExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th lake}: the Parquet lake that the Spark engine queries (docs/cluster.md). */
@Command(name = "lake", mixinStandardHelpOptions = true,
        description = "The Parquet lake queried by the Spark engine (docs/cluster.md).",
        footerHeading = "%nExamples:%n",
        footer = {"  th lake export --db th-data --lake /data/th-lake"},
        subcommands = {LakeCommand.Export.class})
public final class LakeCommand {

    /** {@code th lake export}: the store's tables as a new lake version. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the store's tables into the lake as Parquet (ZSTD), partitioned by ClientId and Date,",
                "committed as one new version by an atomic rename. Tables unchanged since the lake's last version",
                "keep their files: exporting an unchanged store writes nothing."},
            footerHeading = "%nExamples:%n",
            footer = {"  th lake export --db th-data --lake /data/th-lake"})
    static final class Export implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Option(names = "--lake", paramLabel = "PATH", required = true, description = "The lake's folder (created when absent).")
        Path lake;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LakeExport.Result r = LakeExport.run(db.path(), lake);
            out.println("lake " + lake + ": version " + r.version() + "; written: "
                    + (r.written().isEmpty() ? "nothing (unchanged)" : String.join(", ", r.written()))
                    + (r.unchanged().isEmpty() ? "" : "; unchanged: " + String.join(", ", r.unchanged())));
            return 0;
        }
    }
}
