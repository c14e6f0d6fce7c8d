package dev.th.cli;

import dev.th.evtx.Carver;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Sources;
import dev.th.ingest.StoreException;
import dev.th.store.DuckDbStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th carve}: finds EVTX chunks and loose records in any file and stores them as recovered events. */
@Command(name = "carve", mixinStandardHelpOptions = true,
        description = {"Scan any file (a raw disk image, a memory dump, unallocated space, a page file) for EVTX chunks and"
                + " loose event records, and store what decodes as events flagged Recovered, with the byte offset each"
                + " was found at. Fragments that do not decode are listed as warnings with their offset.",
                "A record found more than once (shadow copies) is stored once; carving the same file again stores nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file was scanned (what was found is stored)",
                "2:some file could not be read; the others were scanned",
                "1:failure (the store cannot be opened or written)"},
        footerHeading = "%nExamples:%n",
        footer = {"  th carve --db th-data unallocated.bin", "  th carve --client acme pagefile.sys memory.dmp"})
public final class CarveCommand implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Option(names = "--client", paramLabel = "ID", defaultValue = "default",
            description = "Client (tenant) the events belong to. Default: ${DEFAULT-VALUE}")
    String client;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to scan (any content).")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        List<InputReport> reports = new ArrayList<>();
        boolean unreadable = false;
        try (DuckDbStore store = db.open(); Ingest ingest = Ingest.into(store, client)) {
            Carver carver = new Carver();
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    reports.add(ingest.unreadable(f.toString(), null, 0, "no such file (or not a regular file): " + f));
                    unreadable = true;
                    continue;
                }
                try {
                    String sha = Sources.sha256(f);
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                        reports.add(ingest.input(f.toString(), sha, Files.size(f), carver, in));
                    }
                } catch (IOException e) {
                    reports.add(ingest.unreadable(f.toString(), null, 0, "cannot read " + f + ": " + e.getMessage()));
                    unreadable = true;
                }
            }
            IngestReport r = new IngestReport(reports);
            IngestRun.summary(r, (System.nanoTime() - t0) / 1e9, store, out);
            out.printf("Carved %d records (%d stored, %d copies or already stored); %d warnings (fragments that did not"
                    + " decode, damaged chunks)%n",
                    r.read(), r.stored(), r.duplicates(), reports.stream().mapToLong(x -> x.warnings().size()).sum());
            out.flush();
            return unreadable || r.rejected() > 0 ? 2 : 0;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("th carve: " + HeldStore.message(e.getMessage()));
            return 1;
        }
    }
}
