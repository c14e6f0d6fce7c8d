package dev.th.cli;

import dev.th.ingest.IngestReport;
import dev.th.ingest.StoreException;
import dev.th.store.DuckDbStore;
import dev.th.store.StoreRewrite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th ingest}: reads EVTX and JSON logs (files, folders, zips) into the store. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read EVTX files, JSON exports (JSON lines, evtx_dump, Get-WinEvent | ConvertTo-Json), Windows"
                + " event XML (wevtutil, Event Viewer) and network logs (Zeek conn/dns/http/ssl, ECS flows) from files,"
                + " folders (recursively), zip and gzip archives into the store.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all input was read and stored (or already stored)",
                "2:some input was rejected (damaged records, unreadable files); everything else was stored",
                "1:failure (the store cannot be opened or written, bad arguments)"},
        footerHeading = "%nExamples:%n",
        footer = {"  th ingest ~/cases/host1/*.evtx", "  th ingest --client acme --db /data/th --report ingest.json logs.zip"})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Option(names = "--client", paramLabel = "ID", defaultValue = "default",
            description = "Client (tenant) the events belong to. Default: ${DEFAULT-VALUE}")
    String client;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a JSON report of every input.")
    Path report;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "EVTX, JSON, XML or Zeek files, folders, zip or gzip archives (the format is found from the content).")
    List<Path> paths;

    @Mixin
    IngestHunt hunt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (db.isLake()) {
            throw new dev.th.ingest.StoreException(db.path() + " is a lake: th lake ingest --lake " + db.path() + " PATH... ingests into it");
        }
        return ingest(db.path(), client, paths, report, spec, hunt);
    }

    static int ingest(Path dataDir, String client, List<Path> paths, Path reportFile, CommandSpec spec) {
        return ingest(dataDir, client, paths, reportFile, spec, null);
    }

    static int ingest(Path dataDir, String client, List<Path> paths, Path reportFile, CommandSpec spec,
            IngestHunt hunt) {
        IngestReport r;
        try (DuckDbStore store = DuckDbStore.open(dataDir)) {
            StoreCommand.Renormalize.enrichOlder(store, spec.commandLine().getOut());
            upgradeHint(store, dataDir, spec);
            r = IngestRun.run(store, client, paths, spec.commandLine().getOut(), System.err, hunt);
        } catch (StoreException e) {
            spec.commandLine().getErr().println("th " + spec.name() + ": " + HeldStore.message(e.getMessage()));
            return 1;
        }
        if (reportFile != null) {
            try {
                ReportFile.write(r, reportFile);
            } catch (IOException e) {
                spec.commandLine().getErr().println("th " + spec.name() + ": cannot write the report " + reportFile
                        + ": " + e.getMessage());
                return 1;
            }
        }
        return r.allRead() ? 0 : 2;
    }

    /** A store written the way TH wrote stores before ZSTD is said to be so, with the command that rewrites it. */
    private static void upgradeHint(DuckDbStore store, Path dataDir, CommandSpec spec) {
        String reason;
        try {
            reason = StoreRewrite.upgradeReason(store.connection());
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot read the storage details of " + dataDir + ": " + e.getMessage(), e);
        }
        if (reason != null) {
            spec.commandLine().getErr().println("th " + spec.name() + ": " + reason + "; `th store upgrade --db " + dataDir
                    + "` writes the store again as TH makes stores now (the original fields about 12 times smaller)");
        }
    }
}
