package dev.th.model;

/** Which canonical family an event belongs to (the {@link Column#Family} column, lower case). */
public enum Family {
    PROCESS, FILE, REGISTRY, NETWORK, BIND, DNS,
    /** Logons, logoffs, failures, explicit credentials, Kerberos and NTLM, RDP, and the boots that bound sessions. */
    LOGON, DETECTION, BLOCKED, RAW,
    /** Services installed, changed, started or stopped, and drivers loaded. */
    SERVICE,
    /** Scheduled tasks registered, changed, deleted, run. */
    TASK,
    /** WMI event filters, consumers, bindings and providers. */
    WMI,
    /** Named pipes created and connected. */
    PIPE,
    /** PowerShell module logging (4103) and the classic Windows PowerShell log (400, 403, 600, 800). */
    SCRIPT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
