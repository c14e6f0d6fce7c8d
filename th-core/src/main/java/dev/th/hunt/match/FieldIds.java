package dev.th.hunt.match;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers the Sigma field names rules test, so an event's looked-up and lower-cased values sit
 * in arrays indexed by field rather than in per-event hash maps.
 */
public final class FieldIds {
    private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
    private static volatile String[] names = new String[0];

    private FieldIds() {
    }

    /** The id of a field name, assigned on first use. */
    public static int of(String name) {
        Integer id = IDS.get(name);
        if (id != null) {
            return id;
        }
        synchronized (FieldIds.class) {
            return IDS.computeIfAbsent(name, n -> {
                String[] grown = Arrays.copyOf(names, names.length + 1);
                grown[grown.length - 1] = n;
                names = grown;
                return grown.length - 1;
            });
        }
    }

    static String name(int id) {
        return names[id];
    }

    static int count() {
        return names.length;
    }
}
