package dev.th.hunt.ioa;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.hunt.RuleSet;
import dev.th.ingest.Readers;
import dev.th.ingest.Source;
import dev.th.ingest.SourceVisitor;
import dev.th.ingest.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helper: hunts log files (as th hunt does without a store) and counts IoAs by rule file. */
final class PackHunts {
    private PackHunts() {
    }

    /** TH's rule pack, loaded. */
    static RuleSet pack() {
        try {
            return RuleSet.load(List.of(RulePack.materialize()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The IoAs of {@code rules} on the logs under {@code paths} (client "default"); unreadable input fails. */
    static List<Ioa> hunt(RuleSet rules, List<Path> paths) {
        List<Ioa> out = new ArrayList<>();
        Hunter hunter = new Hunter(rules::compile, IoaFactory.standard(), Instant.parse("2026-01-01T00:00:00Z"), out::addAll);
        new Sources().forEach(paths, new SourceVisitor() {
            @Override
            public void source(Source s) throws IOException {
                s.read(Readers.defaults(), new EventSink() {
                    @Override
                    public void accept(RawEvent event) {
                        if (!event.recovered()) { // the counts of these tests are of live records
                            hunter.event("default", event);
                        }
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                        throw new AssertionError(s.displayPath() + " at " + offset + ": " + reason);
                    }
                });
            }

            @Override
            public void skipped(String displayPath, String reason) {
                if (!displayPath.endsWith(".md") && !displayPath.endsWith(".txt") && !displayPath.endsWith(".yml")) {
                    throw new AssertionError(displayPath + " skipped: " + reason);
                }
            }
        });
        hunter.finish();
        return EvidenceCounter.count(out);
    }

    /** IoAs per rule file name (th_....yml), from the details' rule source. */
    static Map<String, Integer> byRuleFile(List<Ioa> ioas) {
        Map<String, Integer> m = new TreeMap<>();
        for (Ioa a : ioas) {
            String src = a.details().replaceAll(".*\"source\":\"([^\"]*)\".*", "$1");
            m.merge(src.substring(src.lastIndexOf('/') + 1), 1, Integer::sum);
        }
        return m;
    }

    /** The repository's samples folder (tests run in a module folder). */
    static Path samples(String sub) {
        Path p = Path.of("..", "samples", sub);
        if (!p.toFile().exists()) {
            throw new AssertionError("sample missing: " + p.toAbsolutePath());
        }
        return p;
    }
}
