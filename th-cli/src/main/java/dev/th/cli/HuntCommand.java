package dev.th.cli;

import dev.th.TH;
import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.hunt.Matcher;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.EvidenceCounter;
import dev.th.hunt.ioa.Hunter;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFactory;
import dev.th.hunt.ioa.ReadAhead;
import dev.th.hunt.ioc.IocList;
import dev.th.hunt.ioc.IocMatcher;
import dev.th.ingest.Format;
import dev.th.ingest.Readers;
import dev.th.ingest.Source;
import dev.th.ingest.SourceVisitor;
import dev.th.ingest.Sources;
import dev.th.ingest.StoreException;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import dev.th.store.DuckDbStore;
import dev.th.store.RetroHunt;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code th hunt}: runs Sigma rules and turns their hits into IoAs. With {@code --db} it hunts
 * the stored events (a retro-hunt: rules added later find what was ingested earlier) and stores
 * the IoAs; given log paths instead, it works directly on the files, as Hayabusa and Chainsaw do.
 */
@Command(name = "hunt", mixinStandardHelpOptions = true,
        description = {"Run Sigma rules over stored events (--db) or directly over log files, and show the IoAs.",
                "Prints the IoAs (the seed's columns plus ruleId, ruleTitle, ruleAuthor, eventRef); a summary goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:hunted everything given", "2:some input or IoC line could not be read (the rest was hunted)",
                "1:failure (bad arguments, no store, store error)"},
        footerHeading = "%nExamples:%n",
        footer = {"  th hunt --db th-data --rules ~/sigma/rules/windows --period 30d",
                "  th hunt --rules ~/sigma/rules/windows --format json ~/cases/host1/",
                "  th hunt ~/cases/host1/Security.evtx            (TH's own rule pack)"})
public final class HuntCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "DIR", description = "Hunt the store in DIR (th.duckdb), or the lake in DIR as a Spark job (docs/cluster.md), instead of log files.")
    Path db;

    @Option(names = "--lake", paramLabel = "URI", description = "Hunt the lake at URI (a folder or a file: URI) as a Spark job: the same as --db DIR on a lake.")
    String lake;

    @Option(names = "--engine", paramLabel = "NAME", description = "duckdb (a store) or spark (a lake). Default: the one the folder holds")
    String engine;

    @Mixin
    RuleSources rules;

    @Option(names = "--period", paramLabel = "P", defaultValue = "all",
            description = "Only events in this period: " + PeriodText.ALLOWED + ". Default: ${DEFAULT-VALUE}")
    String period;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "Output: table, csv, json, jsonl, timesketch, timesketch-csv, navigator (ATT&CK layer) or ecs."
                    + " Default: ${DEFAULT-VALUE}")
    Output.Format format;

    @Option(names = "--client", paramLabel = "ID", defaultValue = "default",
            description = "Client the log files belong to (file mode). Default: ${DEFAULT-VALUE}")
    String client;

    @Option(names = "--ioc", paramLabel = "FILE", split = ",",
            description = "IoC lists (MD5, IP, domain; one per line, optional md5:/ip:/domain: prefix) to match too.")
    List<Path> iocFiles = new ArrayList<>();

    @Parameters(paramLabel = "LOG", arity = "0..*", description = "EVTX or JSON log files, folders, zips (file mode).")
    List<Path> logs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = Instant.now();
        try {
            PeriodText p = PeriodText.parse(period, now);
            if ((db != null || lake != null) && !logs.isEmpty()) {
                err.println("th hunt: give either --db DIR (hunt the store) or log paths (hunt the files), not both;"
                        + " to hunt new logs into a store, th ingest --db DIR LOGS");
                return 1;
            }
            boolean problems = false;
            List<IocList> lists = new ArrayList<>();
            for (Path f : iocFiles) {
                IocList l = IocList.read(f);
                lists.add(l);
                l.problems().forEach(x -> err.println("th hunt: IoC line skipped: " + x));
                problems |= !l.problems().isEmpty();
            }
            RuleSet set = rules.load(err);
            List<Ioa> ioas;
            if (logs.isEmpty()) {
                Path dir = lake != null ? DataDir.lakePath(lake) : db == null ? Path.of("th-data") : db;
                if (engine != null && !engine.equals(TH.isLake(dir) ? "spark" : "duckdb")) {
                    err.println("th hunt: --engine " + engine + ": " + dir + (TH.isLake(dir) ? " is a lake (--engine spark)" : " is no lake (--engine duckdb, or a lake's folder)"));
                    return 1;
                }
                ioas = TH.isLake(dir) ? LakeHunting.hunt(dir, rules.paths(), !lists.isEmpty(), p.from(), p.to(), now, err)
                        : huntStore(dir, set, lists, p, now, err);
                if (ioas == null) {
                    return 1;
                }
            } else {
                FileHunt fh = huntFiles(set, merge(lists), p, now, err);
                ioas = fh.ioas;
                problems |= fh.problems;
            }
            String left = Output.ioas(ioas, format, out);
            if (left != null) {
                err.println("th hunt: " + left);
            }
            return problems ? 2 : 0;
        } catch (IllegalArgumentException | IOException | SQLException | StoreException e) {
            err.println("th hunt: " + HeldStore.message(e.getMessage()));
            return 1;
        }
    }

    private static IocList merge(List<IocList> lists) {
        List<String> lines = new ArrayList<>();
        for (IocList l : lists) {
            l.indicators().forEach(i -> lines.add(i.type().label() + ":" + i.value()));
        }
        return IocList.parse(lines, "--ioc");
    }

    private List<Ioa> huntStore(Path dir, RuleSet set, List<IocList> lists, PeriodText p, Instant now, PrintWriter err)
            throws SQLException {
        if (!Files.exists(dir.resolve(DuckDbStore.FILE_NAME))) {
            err.println("th hunt: no store in " + dir + " (ingest logs first: th ingest --db " + dir + " LOGS...)");
            return null;
        }
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            RetroHunt hunt = new RetroHunt(store.connection());
            for (IocList l : lists) {
                hunt.iocs().load(l, now);
            }
            long t0 = System.nanoTime();
            RetroHunt.Result r = hunt.run(set::compile, p.from(), p.to(), null, now);
            double s = (System.nanoTime() - t0) / 1e9;
            err.printf("Hunted %d stored events in %.1f s: %d IoAs (%d new)%s%n", r.events(), s, r.hits(), r.newIoas(),
                    lists.isEmpty() ? "" : ", " + r.newDetections() + " new IoC detections");
            byRule(r.hitsByRule(), err);
            cutOffs(r.cutOffs(), err);
            return hunt.ioas().byIds(r.ioaIds());
        }
    }

    private record FileHunt(List<Ioa> ioas, boolean problems) {
    }

    private FileHunt huntFiles(RuleSet set, IocList iocs, PeriodText p, Instant now, PrintWriter err) {
        List<Ioa> found = new ArrayList<>();
        Hunter hunter = new Hunter(set::compile, IoaFactory.standard(), now, found::addAll);
        IocMatcher ioc = new IocMatcher(iocs);
        Normalizer normalizer = new Normalizer();
        Map<Format, EventReader> readers = Readers.defaults();
        long[] counts = new long[3]; // inputs, rejected records, IoC matches
        boolean[] problems = {false};
        long t0 = System.nanoTime();
        HuntProgress progress = new HuntProgress(err, System.console() != null);
        ReadAhead.Producer<RawEvent> reading = out -> new Sources().forEach(logs, new SourceVisitor() {
            @Override
            public void source(Source s) throws IOException {
                counts[0]++;
                s.read(readers, new EventSink() {
                    @Override
                    public void accept(RawEvent e) {
                        out.accept(e);
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                        counts[1] += Math.max(records, 1);
                        problems[0] = true;
                        err.println("th hunt: " + s.displayPath() + " at offset " + offset + ": " + reason);
                    }
                });
            }

            @Override
            public void skipped(String displayPath, String reason) {
                problems[0] = true;
                err.println("th hunt: skipped " + displayPath + ": " + reason);
            }
        });
        try {
            ReadAhead.run("th-hunt-read", reading, e -> {
                if (p.from() != null && e.time().isBefore(p.from()) || p.to() != null && !e.time().isBefore(p.to())) {
                    return;
                }
                hunter.event(client, e);
                progress.update(hunter.events(), found.size());
                if (!ioc.isEmpty()) {
                    CanonicalEvent row = normalizer.normalize(e, client);
                    for (IocMatcher.Match m : ioc.match(row)) {
                        counts[2]++;
                        err.printf("IoC %s:%s matched %s in %s#%d (%s, %s)%n", m.indicator().type().label(),
                                m.indicator().value(), m.column(), e.source().path(), e.recordId(),
                                e.computer(), row.get(Column.DateTime));
                    }
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        hunter.finish();
        progress.finish();
        List<Ioa> ioas = new ArrayList<>(EvidenceCounter.count(found));
        ioas.sort(Comparator.comparing(Ioa::alertDateTime).thenComparing(Ioa::eventRef));
        double s = (System.nanoTime() - t0) / 1e9;
        err.printf("Hunted %d events of %d input%s in %.1f s: %d IoAs%s%s%n", hunter.events(), counts[0],
                counts[0] == 1 ? "" : "s", s, ioas.size(), counts[1] > 0 ? ", " + counts[1] + " records unreadable" : "",
                ioc.isEmpty() ? "" : ", " + counts[2] + " IoC matches");
        byRule(hunter.hitsByRule(), err);
        cutOffs(hunter.cutOffs(), err);
        return new FileHunt(ioas, problems[0] || !hunter.cutOffs().isEmpty());
    }

    /** Says which rules gave no answer on some events: a hunt that missed events never looks complete. */
    static void cutOffs(List<Matcher.CutOff> cutOffs, PrintWriter err) {
        cutOffs.forEach(c -> err.println("th hunt: " + c));
        err.flush();
    }

    static void byRule(Map<String, Long> hits, PrintWriter err) {
        hits.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> err.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        err.flush();
    }
}
