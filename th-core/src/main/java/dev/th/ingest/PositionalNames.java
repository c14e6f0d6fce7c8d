package dev.th.ingest;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names the EventData values of events that carry them by position only, for every reader
 * ({@link Readers#defaults} wraps each one in this; {@link Decoding}, which decodes an EVTX file's
 * chunks on several threads, unwraps it and names each chunk's events with {@link #naming}): Get-WinEvent's {@code Properties}
 * (written {@code Property1..N} by the JSON reader) and unnamed {@code <Data>} elements (written
 * {@code Data, Data_1, Data_2...} by the EVTX and XML readers, as forwarded events carry them).
 * The names come from {@link EventDataNames} by provider, event id, version and number of values;
 * each name keeps its place in the field order. Values of Get-WinEvent's form are also written as
 * Windows' XML writes them (hex numbers as {@code 0x..}, GUIDs in braces).
 *
 * <p>An event TH has no layout for keeps its fields as they came; for Get-WinEvent's form, and for
 * unnamed Data of an event TH knows under another version or count, one warning per input and
 * layout says so (rules written with the real names will not see those values).
 */
final class PositionalNames implements EventReader {
    private static final String PROPERTY = "Property";
    private static final String DATA = "Data";

    private final EventReader inner;
    private final EventDataNames table;

    PositionalNames(EventReader inner, EventDataNames table) {
        this.inner = inner;
        this.table = table;
    }

    /** The reader being wrapped. */
    EventReader inner() {
        return inner;
    }

    /**
     * The warnings already given for one input, shared by the sinks of its parts when they are
     * named on several threads (the chunks of an EVTX file): each layout is warned about once.
     */
    static Set<String> warningsOfOneInput() {
        return java.util.concurrent.ConcurrentHashMap.newKeySet();
    }

    /** A sink that names the events on their way to {@code out}, warning once per layout in {@code warned}. */
    Naming naming(EventSink out, Set<String> warned) {
        return new Naming(out, table, warned);
    }

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException {
        inner.read(in, path, contentHash, new Naming(sink, table, new HashSet<>()));
    }

    /** Renames one input's events on their way to the sink; remembers the warnings given. */
    static final class Naming implements EventSink {
        private final EventSink out;
        private final EventDataNames table;
        private final Set<String> warned;

        Naming(EventSink out, EventDataNames table, Set<String> warned) {
            this.out = out;
            this.table = table;
            this.warned = warned;
        }

        @Override
        public void accept(RawEvent e) {
            Map<String, String> f = e.fields();
            boolean properties = f.containsKey(PROPERTY + 1);
            if (!properties && !f.containsKey(DATA)) {
                out.accept(e);
                return;
            }
            int count = properties ? countProperties(f) : countData(f);
            int version = version(f.get("Version"));
            EventDataNames.Layout layout = table.find(e.provider(), e.eventId(), version, count);
            if (layout == null) {
                warnUnknown(e, version, count, properties);
                out.accept(e);
                return;
            }
            out.accept(new RawEvent(e.source(), e.recordId(), e.time(), e.provider(), e.channel(), e.eventId(),
                    e.computer(), rename(f, layout, properties), e.flags())); // Recovered, TemplateLost stay
        }

        private void warnUnknown(RawEvent e, int version, int count, boolean properties) {
            if (!properties && !knowsEvent(e.provider(), e.eventId())) {
                return; // unnamed Data of an event TH maps nowhere: the EVTX names Data, Data_1... stay
            }
            String key = e.provider() + '|' + e.eventId() + '|' + version + '|' + count + '|' + properties;
            if (warned.add(key)) {
                String form = properties ? "Get-WinEvent Properties" : "unnamed <Data> elements";
                String kept = properties ? "Property1..Property" + count : "Data, Data_1..Data_" + (count - 1);
                out.warn(e.source() == null ? -1 : e.source().offset(), form + " of " + e.provider() + " event "
                        + e.eventId() + " version " + version + " (" + count + " values, first at this position):"
                        + " TH has no names for this layout, so the values are kept as " + kept
                        + " and rules naming the fields will not see them");
            }
        }

        private boolean knowsEvent(String provider, int eventId) {
            for (EventDataNames.Layout l : table.all()) {
                if (l.eventId() == eventId && l.provider().equalsIgnoreCase(provider)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void reject(long offset, long records, String reason) {
            out.reject(offset, records, reason);
        }

        @Override
        public void warn(long offset, String message) {
            out.warn(offset, message);
        }
    }

    static int countProperties(Map<String, String> f) {
        int n = 0;
        while (f.containsKey(PROPERTY + (n + 1))) {
            n++;
        }
        return n;
    }

    static int countData(Map<String, String> f) {
        int n = 1;
        while (f.containsKey(DATA + "_" + n)) {
            n++;
        }
        return n;
    }

    private static int version(String v) {
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The fields with the positional ones renamed in place; a name already taken gets {@code _1, _2...}. */
    private static Map<String, String> rename(Map<String, String> f, EventDataNames.Layout layout, boolean properties) {
        List<String> names = layout.names();
        Map<String, Integer> byPosition = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byPosition.put(properties ? PROPERTY + (i + 1) : i == 0 ? DATA : DATA + "_" + i, i);
        }
        Set<String> taken = new HashSet<>();
        for (String k : f.keySet()) {
            if (!byPosition.containsKey(k)) {
                taken.add(k);
            }
        }
        Map<String, String> out = new LinkedHashMap<>(f.size() * 2);
        for (Map.Entry<String, String> en : f.entrySet()) {
            Integer i = byPosition.get(en.getKey());
            if (i == null) {
                out.put(en.getKey(), en.getValue());
                continue;
            }
            String name = free(names.get(i), taken);
            taken.add(name);
            String v = en.getValue();
            out.put(name, properties ? render(v, layout.types().get(i)) : v);
        }
        return out;
    }

    private static String free(String name, Set<String> taken) {
        if (!taken.contains(name)) {
            return name;
        }
        for (int i = 1; ; i++) {
            if (!taken.contains(name + "_" + i)) {
                return name + "_" + i;
            }
        }
    }

    /** A Get-WinEvent value as Windows' XML writes it. */
    static String render(String v, EventDataNames.Type type) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case HEX:
                if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')) {
                    try {
                        BigInteger n = new BigInteger(v);
                        if (n.signum() < 0) {
                            n = n.add(BigInteger.ONE.shiftLeft(64));
                        }
                        return "0x" + n.toString(16);
                    } catch (NumberFormatException e) {
                        return v;
                    }
                }
                return v;
            case GUID:
                if (v.length() == 36 && v.charAt(8) == '-') {
                    return "{" + v.toLowerCase(Locale.ROOT) + "}";
                }
                return v;
            default:
                return v;
        }
    }
}
