package dev.th.cli;

import dev.th.TimePeriod;
import dev.th.views.Geo;
import dev.th.views.report.ReportOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code th report}: one self-contained HTML page about a store, a client or a machine. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page a responder can send: the machines, IoAs by severity and on an ATT&CK matrix,"
                + " a timeline, top processes and rare command lines, execution trees of the processes with IoAs, the communications map,"
                + " logon sessions and timetables. It opens with no network; every value is escaped and a Content-Security-Policy"
                + " lets only the page's own script run."},
        footer = {"", "Examples:", "  th report --db th-data --out report.html",
                "  th report --machine WORKSTATION5 --period 2020-10-18..2020-10-23 --out ws5.html --open",
                "  th report --client acme --geo networks.csv --out acme.html"})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Option(names = "--client", paramLabel = "ID", description = "Only this client's machines")
    String client;

    @Option(names = "--machine", paramLabel = "NAME", description = "Only this machine (name, first name label or Muid)")
    String machine;

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "all",
            description = "all (default), today, Nd, YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD")
    String period;

    @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "The page to write")
    Path out;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Rows per list (top processes, rare command lines). Default: ${DEFAULT-VALUE}")
    int top;

    @Option(names = "--geo", paramLabel = "FILE.csv",
            description = "Where remote addresses are, for the map: CSV network,latitude,longitude,label, read before the data directory's GeoIP database (th geoip install)")
    Path geo;

    @Option(names = "--open", description = "Open the page in the desktop's browser")
    boolean open;

    @Option(names = "--timings", description = "Print how long each part of the report took (stderr)")
    boolean timings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (client != null && machine != null) {
            err.println("th report: give --client or --machine, not both");
            return 2;
        }
        TimePeriod p;
        try {
            p = TimePeriod.parse(period);
        } catch (IllegalArgumentException e) {
            err.println("th report: --period: " + e.getMessage());
            return 2;
        }
        if (!db.hasStore() && !db.isLake()) { // a lake: the Spark engine answers the report's questions
            err.println("th report: " + db.noStoreIngestFirst());
            return 1;
        }
        ReportOptions o = new ReportOptions(client, machine, p, top, 6, geo == null ? Geo.none() : Geo.read(geo));
        ReportWriter.Written w = ReportWriter.write(db.path(), o, out);
        spec.commandLine().getOut().println("Report: " + w.summary());
        spec.commandLine().getOut().flush();
        if (timings) {
            w.parts().forEach((part, ms) -> err.println("  " + part + ": " + ms + " ms"));
            err.flush();
        }
        if (open) {
            String why = Opener.open(w.file());
            if (why != null) {
                err.println("th report: " + why);
            }
        }
        return 0;
    }
}
