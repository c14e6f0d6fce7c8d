package dev.th.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.event.EventReader;
import dev.th.evtx.EvtxReader;
import dev.th.ingest.Format;
import dev.th.ingest.Source;
import dev.th.ingest.SourceVisitor;
import dev.th.ingest.Sources;
import java.io.IOException;
import java.util.Map;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The literal prefilter changes speed, never results: every SigmaHQ rule over every real EVTX
 * event and the two small OTRF datasets gives the same hits with and without it.
 */
class PrefilterEquivalenceTest {
    @Test
    void sameHitsWithAndWithoutPrefilter() throws Exception {
        Path sigma = SharedData.require("sigma");
        Path data = SharedData.require("evtx").getParent();
        RuleSet rules = RuleSet.load(List.of(sigma.resolve("rules/windows"), sigma.resolve("rules-threat-hunting"),
                sigma.resolve("rules-emerging-threats")));
        List<RawEvent> events = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data)) {
            s.filter(f -> f.toString().endsWith(".evtx")).sorted().forEach(inputs::add);
        }
        inputs.add(data.resolve("otrf/psh_lsass_memory_dump_comsvcs.zip"));
        inputs.add(data.resolve("otrf/purplesharp_pe_injection_createremotethread.zip"));
        Map<Format, EventReader> readers = Sources.jsonReaders();
        readers.put(Format.EVTX, new EvtxReader());
        new Sources().forEach(inputs, new SourceVisitor() {
            @Override
            public void source(Source source) throws IOException {
                source.read(readers, new EventSink() {
                    @Override
                    public void accept(RawEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                    }
                });
            }

            @Override
            public void skipped(String displayPath, String reason) {
                throw new AssertionError(displayPath + ": " + reason);
            }
        });
        List<String> with = hits(rules.compile(), events);
        System.setProperty("th.hunt.noPrefilter", "true");
        List<String> without;
        try {
            without = hits(rules.compile(), events);
        } finally {
            System.clearProperty("th.hunt.noPrefilter");
        }
        System.out.printf("prefilter equivalence: %d events, %d hits%n", events.size(), with.size());
        assertTrue(with.size() > 400, "real attack logs fire many rules: " + with.size());
        assertEquals(without, with);
        // match() is thread-safe without correlations: two threads give the same hits
        Matcher shared = rules.compile();
        List<String> parallel = java.util.Collections.synchronizedList(new ArrayList<>());
        events.parallelStream().forEach(e -> shared.match(e, h -> parallel.add(h.rule().id() + " " + e.source().path() + "#" + e.recordId())));
        List<String> sorted = new ArrayList<>(with);
        java.util.Collections.sort(sorted);
        List<String> parallelSorted = new ArrayList<>(parallel);
        java.util.Collections.sort(parallelSorted);
        assertEquals(sorted, parallelSorted);
    }

    static List<String> hits(Matcher m, List<RawEvent> events) {
        List<String> out = new ArrayList<>();
        for (RawEvent e : events) {
            m.match(e, h -> out.add(h.rule().id() + " " + e.source().path() + "#" + e.recordId()));
        }
        return out;
    }
}
