package dev.th.cli;

import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaStatus;
import dev.th.normalize.Normalizer;
import dev.th.store.IoaTable;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code th ioa}: list the stored IoAs, and record a hunter's status and exclusions. */
@Command(name = "ioa", mixinStandardHelpOptions = true,
        description = "List stored IoAs, or set an IoA's status / exclusion (kept across hunts and restarts).",
        subcommands = {IoaCommand.ListIoas.class, IoaCommand.SetIoa.class},
        footerHeading = "%nExamples:%n",
        footer = {"  th ioa list --db th-data --format navigator > layer.json", "  th ioa set --db th-data 3f2a9c0b11d4e5f6 --status closed"})
public final class IoaCommand {

    /** {@code th ioa list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored IoAs (excluded ones only with --excluded).",
            footerHeading = "%nExamples:%n",
            footer = {"  th ioa list --machine FS03.offsec.lan --period all", "  th ioa list --rules lsass --status new --format json",
                    "  th ioa list --format navigator > layer.json      (ATT&CK Navigator layer)",
                    "  th ioa list --format timesketch > ioas.jsonl     (Timesketch timeline)"})
    static final class ListIoas implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Option(names = "--client", paramLabel = "ID", description = "Only this client's IoAs.")
        String client;

        @Option(names = "--machine", paramLabel = "NAME|MUID", description = "Only this machine's IoAs (name needs --client, default 'default').")
        String machine;

        @Option(names = "--rules", paramLabel = "TEXT", arity = "1..*", description = "Only IoAs whose rule title contains one of these, or whose rule id is one of these.")
        List<String> rules = new ArrayList<>();

        @Option(names = "--status", paramLabel = "S", description = "Only IoAs with this status: new, investigating, closed.")
        String status;

        @Option(names = "--excluded", description = "Include excluded IoAs.")
        boolean excluded;

        @Option(names = "--period", paramLabel = "P", defaultValue = "all", description = "Alert time period: " + PeriodText.ALLOWED + ". Default: ${DEFAULT-VALUE}")
        String period;

        @Mixin
        FormatOption output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws SQLException {
            PeriodText p = PeriodText.parse(period, Instant.now());
            IoaStatus s = status == null ? null : IoaStatus.parse(status);
            if (!db.hasStore() && !dev.th.TH.isLake(db.path())) {
                throw new IllegalArgumentException(db.noStoreIngestFirst());
            }
            String muid = machine == null ? null : machine.matches("[0-9a-f]{32}") ? machine
                    : Normalizer.muid(client == null ? "default" : client, machine);
            try (IoaSource source = IoaSource.open(db)) {
                List<Ioa> ioas = source.table().list(new IoaTable.IoaQuery(client, muid, p.from(),
                        p.to(), rules, s, excluded));
                String left = Output.ioas(ioas, output.format, spec.commandLine().getOut());
                if (left != null) {
                    spec.commandLine().getErr().println("th ioa list: " + left);
                }
            }
            return 0;
        }
    }

    /** {@code th ioa set}. */
    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set the status and/or the exclusion of IoAs.",
            footerHeading = "%nExamples:%n",
            footer = {"  th ioa set 3f2a9c0b11d4e5f6 --status investigating", "  th ioa set 3f2a9c0b11d4e5f6 --status closed --excluded true"})
    static final class SetIoa implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "IoA ids (the id column).")
        List<String> ids;

        @Option(names = "--status", paramLabel = "S", description = "new, investigating or closed.")
        String status;

        @Option(names = "--excluded", paramLabel = "true|false", arity = "1", description = "Exclude (e.g. a false positive) or include again.")
        Boolean excluded;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws SQLException {
            if (status == null && excluded == null) {
                throw new IllegalArgumentException("nothing to set: give --status and/or --excluded");
            }
            IoaStatus s = status == null ? null : IoaStatus.parse(status);
            int missing = 0;
            try (IoaSource source = IoaSource.open(db)) {
                IoaTable t = source.table();
                for (String id : ids) {
                    boolean found = s == null || t.setStatus(id, s);
                    found &= excluded == null || t.setExcluded(id, excluded);
                    if (found) {
                        source.changed();
                    }
                    if (!found) {
                        missing++;
                        spec.commandLine().getErr().println("th ioa set: no IoA with id " + id);
                    } else {
                        Ioa a = t.get(id);
                        spec.commandLine().getOut().printf("%s  status=%s excluded=%s  %s%n", id, a.status(), a.excluded(), a.huntingRule());
                    }
                }
            }
            return missing == 0 ? 0 : 1;
        }
    }
}
