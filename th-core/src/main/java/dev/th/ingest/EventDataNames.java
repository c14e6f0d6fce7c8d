package dev.th.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The EventData names of events whose values come by position only, read from
 * {@code event-data-names.tsv} beside this class: per provider, event id, event version and
 * number of values, the names in order, each with the type Windows renders it as. Loaded once,
 * shared read-only.
 */
final class EventDataNames {
    static final String TABLE = "event-data-names.tsv";

    /** How Windows' XML writes a value that Get-WinEvent hands over as a .NET object. */
    enum Type {
        /** As is. */
        TEXT,
        /** A number written {@code 0x..} in lower case (win:HexInt32, win:HexInt64). */
        HEX,
        /** A GUID written {@code {lower-case}}, as TH's EVTX reader writes it. */
        GUID
    }

    /** One positional layout. */
    record Layout(String provider, int eventId, int version, List<String> names, List<Type> types, boolean verified) {
    }

    private static volatile EventDataNames standard;

    private final Map<String, Layout> byKey;
    private final List<Layout> all;

    private EventDataNames(List<Layout> layouts) {
        this.all = List.copyOf(layouts);
        this.byKey = new HashMap<>();
        for (Layout l : layouts) {
            if (byKey.put(key(l.provider(), l.eventId(), l.version(), l.names().size()), l) != null) {
                throw new IllegalStateException(TABLE + ": two layouts for " + l.provider() + " " + l.eventId()
                        + " version " + l.version() + " with " + l.names().size() + " values");
            }
        }
    }

    /** The shipped table. */
    static EventDataNames standard() {
        EventDataNames t = standard;
        if (t == null) {
            synchronized (EventDataNames.class) {
                t = standard;
                if (t == null) {
                    t = load();
                    standard = t;
                }
            }
        }
        return t;
    }

    /** The layout of an event with {@code count} positional values, or null when TH knows none. */
    Layout find(String provider, int eventId, int version, int count) {
        return provider == null ? null : byKey.get(key(provider, eventId, version, count));
    }

    /** Every layout, in table order. */
    List<Layout> all() {
        return all;
    }

    private static String key(String provider, int eventId, int version, int count) {
        return provider.toLowerCase(Locale.ROOT) + '|' + eventId + '|' + version + '|' + count;
    }

    private static EventDataNames load() {
        List<Layout> layouts = new ArrayList<>();
        try (InputStream in = EventDataNames.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                layouts.add(parse(line, n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(TABLE + " cannot be read", e);
        }
        return new EventDataNames(layouts);
    }

    private static Layout parse(String line, int n) {
        String[] c = line.split("\t");
        if (c.length != 5) {
            throw new IllegalStateException(TABLE + " line " + n + ": expected 5 tab-separated columns, found " + c.length);
        }
        List<String> names = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        for (String item : c[3].split(",")) {
            int colon = item.indexOf(':');
            names.add(colon < 0 ? item : item.substring(0, colon));
            types.add(colon < 0 ? Type.TEXT : Type.valueOf(item.substring(colon + 1).toUpperCase(Locale.ROOT)));
        }
        if (!c[4].equals("verified") && !c[4].equals("documented")) {
            throw new IllegalStateException(TABLE + " line " + n + ": origin must be verified or documented, not " + c[4]);
        }
        return new Layout(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]), List.copyOf(names), List.copyOf(types),
                c[4].equals("verified"));
    }
}
