package dev.th.hunt.ioa;

import dev.th.hunt.RuleInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IoA of TH's rule pack for {@link RecordGap}s: records missing between the first and last
 * EventRecordID seen of a channel on a machine (deleted records, a log cleared and refilled,
 * logging stopped, or an export that left them out). One IoA per hole, dated at the first record
 * seen after it; its id is a function of client, machine, channel and the first missing id, so
 * hunting again (at ingest or in a retro-hunt) stores nothing twice. The details hold the
 * channel, the missing range and the records on each side.
 */
public final class GapIoas {
    /** The rule id of record-id gap IoAs. */
    public static final String RULE_ID = "th-record-id-gap";
    /** The rule title. */
    public static final String TITLE = "Event records missing from a channel's sequence";
    /** The rule level. */
    public static final String LEVEL = "medium";
    /** The ATT&CK technique tags (Clear Windows Event Logs; Disable Windows Event Logging). */
    public static final List<String> TAGS = List.of("attack.defense-evasion", "attack.t1070.001", "attack.t1562.002");

    private static final String AUTHOR = "TH project";
    private static final String DESCRIPTION = "EventRecordIDs of a channel are consecutive: ids missing between "
            + "the first and last record seen of a machine's channel are records that were deleted, lost when "
            + "logging stopped, or left out of the export.";
    private static final RuleInfo RULE = new RuleInfo(RULE_ID, TITLE, LEVEL, "stable", TAGS, AUTHOR, List.of(),
            DESCRIPTION, RulePack.LABEL + RULE_ID);

    private final MitreCatalog mitre;

    public GapIoas(MitreCatalog mitre) {
        this.mitre = mitre;
    }

    /** Over the shipped ATT&CK catalog. */
    public static GapIoas standard() {
        return new GapIoas(MitreCatalog.shared());
    }

    /** The IoA of one hole, produced at {@code now}. */
    public Ioa create(RecordGap g, Instant now) {
        Level level = Level.of(LEVEL);
        return new Ioa(g.afterTime(), g.clientId(), level.critical(), details(g), false, TITLE,
                IoaIds.of(g.clientId(), RULE_ID, g.muid() + '\0' + g.channel(), g.firstMissing()), 0,
                mitre.describe(TAGS), g.muid(), level.label(), IoaStatus.NEW.label(), now, level.weight(), RULE_ID,
                TITLE, AUTHOR, g.afterRef(), g.machineName(), g.afterSourceHash(), g.afterStoreRecord());
    }

    private static String details(RecordGap g) {
        Map<String, Object> gap = new LinkedHashMap<>();
        gap.put("channel", g.channel());
        gap.put("computer", g.machineName());
        gap.put("missing", g.missing());
        gap.put("range", g.range());
        gap.put("firstMissing", g.firstMissing());
        gap.put("lastMissing", g.lastMissing());
        gap.put("before", side(g.beforeRecord(), g.beforeTime(), g.beforeEventId()));
        gap.put("after", side(g.afterRecord(), g.afterTime(), g.afterEventId()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rule", IoaFactory.rule(RULE));
        d.put("gap", gap);
        return IoaFactory.json(d, "gap IoA details");
    }

    private static Map<String, Object> side(long record, Instant time, int eventId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recordId", record);
        m.put("time", time == null ? null : time.toString());
        m.put("eventId", eventId);
        return m;
    }
}
