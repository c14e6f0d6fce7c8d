package dev.th.ask;

import dev.th.Labeled;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses text into one of an enum's allowed values, with an error that lists them. */
public final class Allowed {
    private Allowed() {
    }

    /** The value whose {@code label} equals {@code text} ignoring case. */
    public static <E extends Enum<E> & Labeled> E parse(Class<E> type, String what, String text) {
        if (text != null) {
            String t = text.trim();
            for (E e : type.getEnumConstants()) {
                if (e.label().equalsIgnoreCase(t) || e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; allowed: " + String.join(", ", labels(type)));
    }

    public static <E extends Enum<E> & Labeled> List<String> labels(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(e.label());
        }
        return out;
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
