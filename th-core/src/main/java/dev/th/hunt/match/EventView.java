package dev.th.hunt.match;

import dev.th.event.RawEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One event as the rules see it: Sigma field names resolved through the event type's aliases
 * (e.g. Security 4688 {@code Image} is {@code NewProcessName}), and each value lower-cased once
 * and shared by every rule that tests it. Not thread-safe: one view per event and thread.
 */
public final class EventView {
    private static final String ABSENT = new String("\u0000absent");

    private final RawEvent event;
    private final Map<String, String> aliases;
    private final HashMap<String, String> lower = new HashMap<>(32);
    private Map<String, String> byLowerName;
    private List<String[]> allValues;

    public EventView(RawEvent event, Map<String, String> aliases) {
        this.event = event;
        this.aliases = aliases;
    }

    public RawEvent event() {
        return event;
    }

    /** The value of a Sigma field name, as the event spells it, or null when absent. */
    public String raw(String sigmaName) {
        String name = aliases == null ? sigmaName : aliases.getOrDefault(sigmaName, sigmaName);
        String v = event.fields().get(name);
        if (v != null) {
            return v;
        }
        if (byLowerName == null) {
            byLowerName = new HashMap<>();
            for (Map.Entry<String, String> e : event.fields().entrySet()) {
                byLowerName.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return byLowerName.get(name.toLowerCase(Locale.ROOT));
    }

    /** The lower-cased value of a Sigma field name, computed once per event, or null. */
    public String lower(String sigmaName) {
        String v = lower.get(sigmaName);
        if (v == null) {
            String r = raw(sigmaName);
            v = r == null ? ABSENT : r.toLowerCase(Locale.ROOT);
            lower.put(sigmaName, v);
        }
        return v == ABSENT ? null : v;
    }

    /** Every field value of the event as {raw, lower} pairs, for field-less keyword searches. */
    public List<String[]> allValues() {
        if (allValues == null) {
            allValues = new ArrayList<>(event.fields().size());
            for (String v : event.fields().values()) {
                if (v != null) {
                    allValues.add(new String[] {v, v.toLowerCase(Locale.ROOT)});
                }
            }
        }
        return allValues;
    }
}
