package dev.th;

import dev.th.ask.Allowed;

/**
 * The seed's {@code by} of {@code get_events}: {@code type} groups by channel and event id,
 * {@code classif} by canonical family and operation.
 */
public enum EventsBy implements Labeled {
    TYPE, CLASSIF;

    @Override
    public String label() {
        return Allowed.lower(name());
    }

    public static EventsBy parse(String text) {
        return Allowed.parse(EventsBy.class, "events grouping (by)", text);
    }
}
