package dev.th.cli;

import dev.th.hunt.ioc.IocList;
import dev.th.store.DuckDbStore;
import dev.th.store.IocStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code th ioc load FILE...}: loads IoC lists into the store and matches them against every
 * stored event at once (later ingests are matched as they arrive). Matches become detections
 * with WinningTech {@code IoC}.
 */
@Command(name = "ioc", mixinStandardHelpOptions = true,
        description = "Indicators of compromise: load lists (MD5, IP, domain) and match them against the store.",
        subcommands = {IocCommand.Load.class, IocCommand.Matches.class},
        footerHeading = "%nExamples:%n",
        footer = {"  th ioc load --db th-data bad-hashes.txt", "  th ioc matches --db th-data --format csv"})
public final class IocCommand {

    /** {@code th ioc matches}. */
    @Command(name = "matches", mixinStandardHelpOptions = true,
            description = "List the IoC detections: the seed's detection columns (WinningTech = IoC) and where each matched.",
            footerHeading = "%nExamples:%n",
            footer = {"  th ioc matches --db th-data", "  th ioc matches --db th-data --format jsonl > ioc-matches.jsonl"})
    static final class Matches implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Mixin
        FormatOption output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws SQLException {
            try (DuckDbStore store = db.existing(db.noStoreIngestFirst())) {
                Output.print(new IocStore(store.connection()).list(), output.format, spec.commandLine().getOut());
                return 0;
            }
        }
    }

    /** {@code th ioc load}. */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = {"Load IoC lists and match them against every stored event (and every later ingest).",
                    "One indicator per line, optionally prefixed md5:, ip: or domain:; # starts a comment."},
            footerHeading = "%nExamples:%n", footer = {"  th ioc load --db th-data bad-hashes.txt c2-domains.txt"})
    static final class Load implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "IoC list files.")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws SQLException {
            boolean problems = false;
            try (DuckDbStore store = db.open()) {
                IocStore iocs = new IocStore(store.connection());
                for (Path f : files) {
                    IocList list;
                    try {
                        list = IocList.read(f);
                    } catch (IOException e) {
                        spec.commandLine().getErr().println("th ioc load: cannot read " + f + ": " + e.getMessage());
                        problems = true;
                        continue;
                    }
                    list.problems().forEach(p -> spec.commandLine().getErr().println("th ioc load: skipped " + p));
                    problems |= !list.problems().isEmpty();
                    int added = iocs.load(list, Instant.now());
                    spec.commandLine().getOut().printf("%s: %d indicators read, %d new%n", f, list.indicators().size(), added);
                }
                int matched = iocs.match(null);
                spec.commandLine().getOut().printf("%d indicators loaded in all; %d new detections (%d in all; see th machine NAME detections)%n",
                        iocs.indicators(), matched, iocs.detections());
                return problems ? 2 : 0;
            }
        }
    }
}
