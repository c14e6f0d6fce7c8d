package dev.th;

import dev.th.ask.Allowed;

/** The seed's {@code direction} filter of communications. */
public enum Direction implements Labeled {
    INCOMING("Incoming"), OUTGOING("Outgoing");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static Direction parse(String text) {
        return Allowed.parse(Direction.class, "direction", text);
    }
}
