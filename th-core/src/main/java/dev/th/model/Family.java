package dev.th.model;

/** Which canonical family an event belongs to (the {@link Column#Family} column, lower case). */
public enum Family {
    PROCESS, FILE, REGISTRY, NETWORK, BIND, DNS, LOGON, DETECTION, BLOCKED, RAW;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
