package dev.th.hunt.match;

import dev.th.event.RawEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One event as the rules see it: Sigma field names resolved through the event type's aliases
 * (e.g. Security 4688 {@code Image} is {@code NewProcessName}), and each value looked up and
 * lower-cased once, then shared by every rule that tests it. Not thread-safe: one view per
 * event and thread.
 */
public final class EventView {
    private static final String ABSENT = new String("\u0000absent");

    private RawEvent event;
    private Map<String, String> aliases;
    private final String[] raw;
    private final String[] lower;
    private int[] touched = new int[64];
    private int ntouched;
    private Map<String, String> byLowerName;
    private List<String[]> allValues;

    public EventView(RawEvent event, Map<String, String> aliases) {
        this.event = event;
        this.aliases = aliases;
        int n = FieldIds.count();
        this.raw = new String[n];
        this.lower = new String[n];
    }

    /** Whether this view has a slot for every field id known now (else make a new one). */
    public boolean fitsAllFields() {
        return raw.length == FieldIds.count();
    }

    /** Reuses this view for another event: forgets only the fields the last event touched. */
    public EventView reset(RawEvent next, Map<String, String> nextAliases) {
        for (int i = 0; i < ntouched; i++) {
            raw[touched[i]] = null;
            lower[touched[i]] = null;
        }
        ntouched = 0;
        byLowerName = null;
        allValues = null;
        this.event = next;
        this.aliases = nextAliases;
        return this;
    }

    private void touch(int id) {
        if (ntouched == touched.length) {
            touched = java.util.Arrays.copyOf(touched, touched.length * 2);
        }
        touched[ntouched++] = id;
    }

    public RawEvent event() {
        return event;
    }

    /**
     * The value of a Sigma field name, as the event spells it, or null when absent. A name the event
     * lacks is looked up ignoring case, then among the event's names with their spaces taken out
     * (Defender writes {@code Threat Name}, Sigma rules {@code ThreatName}); a name the event
     * really has always wins over such a match.
     */
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
            for (Map.Entry<String, String> e : event.fields().entrySet()) {
                if (e.getKey().indexOf(' ') >= 0) {
                    byLowerName.putIfAbsent(e.getKey().replace(" ", "").toLowerCase(Locale.ROOT), e.getValue());
                }
            }
        }
        return byLowerName.get(name.toLowerCase(Locale.ROOT));
    }

    /** The value of a field by id (see {@link FieldIds}), or null. */
    public String raw(int id) {
        if (id >= raw.length) {
            return raw(FieldIds.name(id));
        }
        String v = raw[id];
        if (v == null) {
            String r = raw(FieldIds.name(id));
            v = r == null ? ABSENT : r;
            raw[id] = v;
            touch(id);
        }
        return v == ABSENT ? null : v;
    }

    /** The lower-cased value of a field by id, computed once per event, or null. */
    public String lower(int id) {
        if (id >= lower.length) {
            String r = raw(id);
            return r == null ? null : r.toLowerCase(Locale.ROOT);
        }
        String v = lower[id];
        if (v == null) {
            String r = raw(id);
            v = r == null ? ABSENT : r.toLowerCase(Locale.ROOT);
            lower[id] = v;
        }
        return v == ABSENT ? null : v;
    }

    /** The lower-cased value of a Sigma field name, or null. */
    public String lower(String sigmaName) {
        return lower(FieldIds.of(sigmaName));
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
