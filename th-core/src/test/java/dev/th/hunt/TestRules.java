package dev.th.hunt;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made rules and events for the focused tests. */
final class TestRules {
    private TestRules() {
    }

    /** Loads rule text written to a temporary file. */
    static RuleSet load(String yaml) {
        try {
            Path f = Files.createTempFile("rule", ".yml");
            Files.writeString(f, yaml);
            try {
                return RuleSet.load(List.of(f));
            } finally {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Sysmon process creation rule with the given detection body (indented by 4). */
    static String procRule(String detection) {
        return "title: t\nid: 11111111-2222-4333-8444-555555555555\nlogsource:\n    category: process_creation\n"
                + "    product: windows\ndetection:\n" + detection + "\n";
    }

    /** A Sysmon 1 event with the given EventData fields (name, value, name, value, ...). */
    static RawEvent sysmon1(String... kv) {
        return event("Microsoft-Windows-Sysmon/Operational", 1, Instant.parse("2024-01-01T00:00:00Z"), kv);
    }

    static RawEvent event(String channel, int eventId, Instant time, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Provider_Name", "test");
        f.put("EventID", String.valueOf(eventId));
        f.put("Channel", channel);
        f.put("Computer", "host1");
        for (int i = 0; i < kv.length; i += 2) {
            f.put(kv[i], kv[i + 1]);
        }
        return new RawEvent(new SourceRef("test", "", 0), 1, time, "test", channel, eventId, "host1", f);
    }

    /** Whether the single rule of {@code yaml} fires on the event. */
    static boolean fires(String yaml, RawEvent e) {
        RuleSet set = load(yaml);
        if (!set.problems().isEmpty()) {
            throw new AssertionError("rule did not load: " + set.problems());
        }
        return !hits(set.compile(), List.of(e)).isEmpty();
    }

    static List<RuleHit> hits(Matcher m, List<RawEvent> events) {
        List<RuleHit> out = new ArrayList<>();
        events.forEach(e -> m.match(e, out::add));
        m.finish(out::add);
        return out;
    }
}
