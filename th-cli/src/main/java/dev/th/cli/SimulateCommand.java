package dev.th.cli;

import dev.th.sim.AttackChains;
import dev.th.sim.FleetGenerator;
import dev.th.sim.FleetTemplates;
import dev.th.store.DuckDbStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th simulate}: a fleet replaying real logs, written as JSON lines or streamed into a store. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a fleet of Windows machines (per client one domain controller, seven servers, the rest"
                + " workstations) from real logs: each machine day replays a window of the largest log read from --from,"
                + " over working hours for workstations and all day for servers, with the machine's name, users,"
                + " process GUIDs, pids and addresses rewritten, and now and then one of the other logs (attack samples)"
                + " woven in whole. Deterministic for a seed.",
                "Machine names start with their client's id (ACME-DC01.acme.local), and the times inside the fields"
                + " (Sysmon's UtcTime, @timestamp) move with each event, so what --out writes ingests again as the same"
                + " machines at the simulated times.",
                "Generated attack chains (--attacks N, default 1) are written into the fleet at recorded times: on a"
                + " workstation and a server of one client, a macro document from Outlook, an encoded PowerShell, a certutil"
                + " download, an LSASS dump with comsvcs.dll, PsExec to the server (its service, pipe and child), a Run"
                + " key, the Security log cleared and the dump sent out with curl; DIR.ground-truth.tsv (beside DIR; --truth FILE) has one line per"
                + " generated event: chain, step, ATT&CK technique, machine, time, channel, event id and the ids of the"
                + " rules expected to raise an IoA on it.",
                "--out DIR writes the logs: --format ndjson one JSON lines file per machine day"
                + " (DIR/<client>/<machine>/<day>.ndjson), --format evtx one EVTX file per machine and channel"
                + " (DIR/<client>/<machine>/Microsoft-Windows-Sysmon%%4Operational.evtx, Security.evtx, System.evtx, ...),"
                + " both readable by th ingest (DIR whole, or one client folder under its id: th ingest --client acme DIR/acme);"
                + " --into DIR streams the events straight into a new store there.",
                "The woven-in real samples are real attacks, but the ground truth names only the generated chains."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the fleet was written", "2:bad options", "1:failure (no events to replay, store or files not writable)"},
        footerHeading = "%nExamples:%n",
        footer = {"  th simulate --machines 20 --days 3 --seed 7 --out fleet-logs",
                "  th simulate --machines 20 --days 3 --format evtx --out fleet-evtx",
                "  th ingest --client acme fleet-evtx/acme",
                "  th simulate --machines 200 --days 5 --into fleet-db --from samples/json"})
public final class SimulateCommand implements Callable<Integer> {
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 30);

    @Option(names = "--machines", paramLabel = "N", defaultValue = "20", description = "Machines in the fleet. Default: ${DEFAULT-VALUE}")
    int machines;

    @Option(names = "--days", paramLabel = "D", defaultValue = "1", description = "Days simulated, ending on --last-day. Default: ${DEFAULT-VALUE}")
    int days;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--per-day", paramLabel = "N", defaultValue = "1000",
            description = "Average events per machine day (each day 60%%..140%% of it). Default: ${DEFAULT-VALUE}")
    int perDay;

    @Option(names = "--last-day", paramLabel = "YYYY-MM-DD", defaultValue = "2025-06-30",
            description = "The fleet's last day. Default: ${DEFAULT-VALUE}")
    LocalDate lastDay = LAST_DAY;

    @Option(names = "--client", paramLabel = "ID", split = ",",
            description = "Client (tenant) ids the machines are shared among. Default: acme,globex")
    List<String> clients;

    @Option(names = "--from", paramLabel = "PATH", split = ",",
            description = "Real logs to replay (EVTX, JSON, zips; folders are read recursively). Default: TH's samples/")
    List<Path> from;

    @Option(names = "--out", paramLabel = "DIR", description = "Write JSON lines files here.")
    Path out;

    @Option(names = "--into", paramLabel = "DIR", description = "Stream into a new store in this data directory.")
    Path into;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ndjson",
            description = "Format of --out: ndjson or evtx. Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--attacks", paramLabel = "N", defaultValue = "1",
            description = "Generated attack chains woven into the fleet (0: none). Default: ${DEFAULT-VALUE}")
    int attacks;

    @Option(names = "--truth", paramLabel = "FILE",
            description = "Where the ground truth of the attack chains goes. Default: beside --out DIR (DIR.ground-truth.tsv,"
                    + " so that DIR holds only logs), or in the --into folder")
    Path truthFile;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Threads rewriting events for --into. Default: ${DEFAULT-VALUE}")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String bad = problem();
        if (bad != null) {
            err.println("th simulate: " + bad);
            return 2;
        }
        List<Path> logs = from == null ? List.of(QuickstartCommand.samples()) : from;
        for (Path p : logs) {
            if (!Files.exists(p)) {
                err.println("th simulate: --from " + p + ": no such file or folder");
                return 2;
            }
        }
        FleetTemplates t = FleetTemplates.read(logs);
        err.printf(Locale.ROOT, "th simulate: replaying %,d real events of %d logs (largest: %s, %,d events)%n",
                t.eventCount(), t.logs().size(), t.main().name(), t.main().events().size());
        FleetGenerator g = new FleetGenerator(t, machines, perDay, lastDay).seed(seed).attacks(attacks);
        if (clients != null) {
            g.clients(clients.toArray(String[]::new));
        }
        long t0 = System.nanoTime();
        if (into != null) {
            FleetGenerator.Fleet f = g.days(into, days, threads);
            out.println(FleetGenerator.describe(f));
        } else if ("evtx".equals(format)) {
            FleetGenerator.EvtxFleet f = g.evtx(out(), days);
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%s: %,d events in %,d EVTX files (%.1f MB), %d machines, %s..%s, in %.1f s (%,.0f events/s, %.1f MB/s)%n",
                    this.out, f.events(), f.files(), f.bytes() / 1e6, machines, lastDay.minusDays(days - 1L), lastDay, s,
                    f.events() / Math.max(s, 1e-9), f.bytes() / 1e6 / Math.max(s, 1e-9));
            if (f.tooLarge() > 0) {
                err.printf(Locale.ROOT, "th simulate: %,d events too large for an EVTX chunk were not written (the ndjson format keeps them):%n",
                        f.tooLarge());
                f.problems().forEach(p -> err.println("  " + p));
            }
        } else {
            long n = g.ndjson(out(), days);
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%s: %,d events, %d machines, %s..%s, in %.1f s (%,.0f events/s)%n", this.out, n,
                    machines, lastDay.minusDays(days - 1L), lastDay, s, n / Math.max(s, 1e-9));
        }
        if (attacks > 0) {
            Path truth = truthFile != null ? truthFile : into != null ? into.resolve(AttackChains.TRUTH_FILE)
                    : this.out.toAbsolutePath().resolveSibling(this.out.toAbsolutePath().getFileName() + "." + AttackChains.TRUTH_FILE);
            List<AttackChains.Truth> rows = g.chains().truth();
            g.chains().writeTruth(truth);
            long chains = rows.stream().mapToInt(AttackChains.Truth::chain).distinct().count();
            out.printf(Locale.ROOT, "%s: %d attack chain(s), %d generated events%n", truth, chains, rows.size());
            if (chains < attacks) {
                err.printf(Locale.ROOT, "th simulate: %d of the %d attack chains asked for were made: a chain needs a client"
                        + " with a workstation (more than 8 machines per client)%n", chains, attacks);
            }
        }
        return 0;
    }

    private Path out() {
        return out;
    }

    /** What is wrong with the options, or null. */
    private String problem() {
        if ((out == null) == (into == null)) {
            return "give exactly one of --out DIR (JSON lines files) and --into DIR (a new store)";
        }
        if (!"ndjson".equals(format) && !"evtx".equals(format)) {
            return "--format " + format + ": ndjson or evtx";
        }
        if (into != null && !"ndjson".equals(format)) {
            return "--format applies to --out; --into streams the events into a store";
        }
        if (machines < 1 || days < 1 || perDay < 1) {
            return "--machines, --days and --per-day must be at least 1";
        }
        if (attacks < 0) {
            return "--attacks must be 0 or more";
        }
        if (clients != null && clients.size() > machines) {
            return "--client names " + clients.size() + " clients for " + machines + " machines";
        }
        if (into != null && Files.exists(into.resolve(DuckDbStore.FILE_NAME))) {
            return into + " already holds a store: --into makes a new one (give an empty or new folder)";
        }
        return null;
    }
}
