package dev.th.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Correlation rules on hand-made sequences of Security logon events. */
class SigmaCorrelationTest {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    static final String BASE = """
            title: Failed logon
            id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
            name: failed_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4625
                condition: selection
            ---
            title: Successful logon
            id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
            name: successful_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4624
                condition: selection
            """;

    static String correlation(String body) {
        return "title: Correlation\nid: 0e95725d-7320-415d-80f7-004da920fc11\nlevel: high\ncorrelation:\n" + body + "\n---\n" + BASE;
    }

    static RawEvent logon(int eventId, int secondsAfter, String user, String ip) {
        return TestRules.event("Security", eventId, T0.plusSeconds(secondsAfter), "TargetUserName", user, "IpAddress", ip,
                "Bytes", String.valueOf(secondsAfter));
    }

    static List<RuleHit> run(String yaml, List<RawEvent> events) {
        RuleSet set = TestRules.load(yaml);
        assertEquals(List.of(), set.problems());
        return TestRules.hits(set.compile(), events);
    }

    static List<RawEvent> failures(String user, int... seconds) {
        List<RawEvent> out = new ArrayList<>();
        for (int s : seconds) {
            out.add(logon(4625, s, user, "10.0.0." + s % 7));
        }
        return out;
    }

    static final String COUNT = """
                type: event_count
                rules:
                    - failed_login
                group-by:
                    - TargetUserName
                timespan: 5m
                condition:
                    gte: 3
            """;

    @Test
    void eventCountWithinTimespan() {
        List<RuleHit> hits = run(correlation(COUNT), failures("bob", 0, 60, 120));
        assertEquals(1, hits.size(), hits.toString());
        assertEquals("Correlation", hits.get(0).rule().title());
        assertEquals(3, hits.get(0).events().size());
        // the correlated rule itself does not report (generate defaults to false)
        assertTrue(hits.stream().noneMatch(h -> h.rule().title().equals("Failed logon")));
    }

    @Test
    void eventCountOutsideTimespan() {
        assertEquals(0, run(correlation(COUNT), failures("bob", 0, 200, 400)).size());
    }

    @Test
    void eventCountPerGroup() {
        List<RawEvent> events = new ArrayList<>(failures("bob", 0, 60));
        events.addAll(failures("alice", 90));
        assertEquals(0, run(correlation(COUNT), events).size());
        events.addAll(failures("BOB", 100));
        assertEquals(1, run(correlation(COUNT), events).size(), "group-by values compare case-insensitively");
    }

    @Test
    void generateKeepsTheBaseHits() {
        List<RuleHit> hits = run(correlation(COUNT + "    generate: true"), failures("bob", 0, 60, 120));
        assertEquals(4, hits.size());
    }

    @Test
    void eventCountLessThanIsJudgedWhenTheWindowCloses() {
        String lt = COUNT.replace("gte: 3", "lt: 2");
        List<RuleHit> hits = run(correlation(lt), failures("bob", 0, 30, 1000));
        // window [0, 300]: 2 events, not < 2; window from 1000: 1 event, < 2
        assertEquals(1, hits.size());
        assertEquals(1, hits.get(0).events().size());
    }

    @Test
    void valueCount() {
        String vc = """
                    type: value_count
                    rules:
                        - failed_login
                    group-by:
                        - IpAddress
                    timespan: 10m
                    condition:
                        field: TargetUserName
                        gte: 3
                """;
        List<RawEvent> events = new ArrayList<>();
        events.add(logon(4625, 0, "a", "10.0.0.1"));
        events.add(logon(4625, 10, "a", "10.0.0.1"));
        events.add(logon(4625, 20, "b", "10.0.0.1"));
        assertEquals(0, run(correlation(vc), events).size());
        events.add(logon(4625, 30, "c", "10.0.0.1"));
        assertEquals(1, run(correlation(vc), events).size());
    }

    static final String ORDERED = """
                type: temporal_ordered
                rules:
                    - failed_login
                    - successful_login
                group-by:
                    - TargetUserName
                timespan: 10m
            """;

    @Test
    void temporalOrderedNeedsTheOrder() {
        assertEquals(1, run(correlation(ORDERED), List.of(logon(4625, 0, "bob", "x"), logon(4624, 60, "bob", "x"))).size());
        assertEquals(0, run(correlation(ORDERED), List.of(logon(4624, 0, "bob", "x"), logon(4625, 60, "bob", "x"))).size());
        assertEquals(0, run(correlation(ORDERED), List.of(logon(4625, 0, "bob", "x"), logon(4624, 60, "eve", "x"))).size());
        assertEquals(0, run(correlation(ORDERED), List.of(logon(4625, 0, "bob", "x"), logon(4624, 3600, "bob", "x"))).size());
    }

    @Test
    void temporalInAnyOrder() {
        String temporal = ORDERED.replace("temporal_ordered", "temporal");
        assertEquals(1, run(correlation(temporal), List.of(logon(4624, 0, "bob", "x"), logon(4625, 60, "bob", "x"))).size());
        assertEquals(0, run(correlation(temporal), List.of(logon(4624, 0, "bob", "x"), logon(4624, 60, "bob", "x"))).size());
    }

    @Test
    void valueSumAndAverage() {
        String sum = COUNT.replace("event_count", "value_sum").replace("gte: 3", "field: Bytes\n        gt: 100");
        assertEquals(0, run(correlation(sum), failures("bob", 10, 20, 30)).size());
        assertEquals(1, run(correlation(sum), failures("bob", 10, 40, 60)).size());
        String avg = COUNT.replace("event_count", "value_avg").replace("gte: 3", "field: Bytes\n        gt: 50");
        assertEquals(0, run(correlation(avg), failures("bob", 10, 20, 30)).size());
        assertEquals(1, run(correlation(avg), failures("bob", 40, 60, 80)).size());
    }

    @Test
    void valuePercentileFindsRareValues() {
        String pct = COUNT.replace("event_count", "value_percentile").replace("gte: 3", "field: IpAddress\n        lte: 10");
        List<RawEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(logon(4625, i, "bob", "10.0.0.1"));
        }
        events.add(logon(4625, 25, "bob", "6.6.6.6"));
        List<RuleHit> hits = run(correlation(pct), events);
        assertEquals(1, hits.size());
        assertEquals("6.6.6.6", hits.get(0).events().get(0).field("IpAddress"));
    }

    @Test
    void aliasesAndChains() {
        String yaml = """
                title: Brute force then success
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                correlation:
                    type: temporal_ordered
                    rules:
                        - many_failed
                        - successful_login
                    group-by:
                        - who
                    aliases:
                        who:
                            many_failed: TargetUserName
                            successful_login: TargetUserName
                    timespan: 10m
                ---
                title: Many failed
                id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
                name: many_failed
                correlation:
                    type: event_count
                    rules:
                        - failed_login
                    group-by:
                        - TargetUserName
                    timespan: 10m
                    condition:
                        gte: 3
                ---
                """ + BASE;
        List<RawEvent> events = new ArrayList<>(failures("bob", 0, 10, 20));
        events.add(logon(4624, 30, "bob", "x"));
        List<RuleHit> hits = run(yaml, events);
        assertEquals(1, hits.size(), hits.toString());
        assertEquals("Brute force then success", hits.get(0).rule().title());
        assertEquals(4, hits.get(0).events().size());
    }

    @Test
    void correlationOfMissingRulesIsAProblem() {
        RuleSet set = TestRules.load(correlation(COUNT.replace("failed_login", "nowhere")));
        assertTrue(set.problems().stream().anyMatch(p -> p.reason().contains("nowhere")), set.problems().toString());
    }
}
