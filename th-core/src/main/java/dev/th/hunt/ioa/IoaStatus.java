package dev.th.hunt.ioa;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a hunter is with an IoA: {@code new} when produced, {@code investigating} while looked
 * at, {@code closed} when done (whether true or false positive; {@code excluded} says the latter).
 */
public enum IoaStatus {
    NEW, INVESTIGATING, CLOSED;

    /** The stored spelling (lower case). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a status; the error lists the allowed values. */
    public static IoaStatus parse(String text) {
        for (IoaStatus s : values()) {
            if (s.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown IoA status '" + text + "'; allowed: " + allowed());
    }

    /** The allowed values, comma separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(IoaStatus::label).collect(Collectors.joining(", "));
    }
}
