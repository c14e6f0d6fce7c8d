package dev.th.cli;

import dev.th.store.DuckDbStore;
import dev.th.store.Machines;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th machines}: one row per machine of the store. */
@Command(name = "machines", mixinStandardHelpOptions = true,
        description = "List the machines in the store: Muid, MachineName, ClientId, FirstSeen, LastSeen (UTC), Events, Names (every name its logs give it; an FQDN and its NetBIOS name are one machine).",
        footerHeading = "%nExamples:%n", footer = {"  th machines", "  th machines --db /data/th --format csv"})
public final class MachinesCommand implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv, json, jsonl, timesketch, timesketch-csv or ecs. Default: ${DEFAULT-VALUE}")
    Output.Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (dev.th.TH.isLake(db.path())) {
            Output.print(LakeMachines.list(db.path()), format, spec.commandLine().getOut(), null); // th-spark: on the class path for a lake
            return 0;
        }
        try (DuckDbStore store = db.existing(db.noStoreIngestFirst())) {
            org.dflib.DataFrame machines = Machines.list(store);
            Output.print(machines, format, spec.commandLine().getOut(), null);
            long networkOnly = 0;
            for (int i = 0; i < machines.height(); i++) {
                networkOnly += ((Number) machines.get("Events", i)).longValue() == 0 ? 1 : 0;
            }
            if (networkOnly > 0) {
                spec.commandLine().getErr().println("th machines: " + networkOnly + " seen by the network only (Events 0: "
                        + "hosts at one end of network flows that sent no logs, named by their address)");
            }
            return 0;
        }
    }
}
