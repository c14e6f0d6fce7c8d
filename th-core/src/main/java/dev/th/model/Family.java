package dev.th.model;

/** Which canonical family an event belongs to (the {@link Column#Family} column, lower case). */
public enum Family {
    PROCESS, FILE, REGISTRY, NETWORK, BIND, DNS, LOGON, DETECTION, BLOCKED, RAW,
    /** Services installed, changed, started or stopped, and drivers loaded. */
    SERVICE,
    /** Scheduled tasks registered, changed, deleted, run. */
    TASK,
    /** WMI event filters, consumers, bindings and providers. */
    WMI,
    /** Named pipes created and connected. */
    PIPE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
