package dev.th.ask;

import java.util.List;

/** The columns each seed method returns, exactly as the seeds list them, in their order. */
public final class SeedColumns {
    private SeedColumns() {
    }

    private static final List<String> ATTRS = List.of("RemoteSession", "External", "FreshUnknown", "LanShared");

    /** Machine.get_executions. */
    public static final List<String> MACHINE_EXECUTIONS = concat(List.of("DateTime", "Muid", "LoggedUser", "ChildFilename",
            "ChildPath", "ChildMd5", "ChildPid", "ParentFilename", "ParentPath", "ParentMd5", "ParentPid", "CommandLine",
            "RemoteIp", "Operation"), ATTRS);

    /** Process.get_executions, and get_files of both (no ParentPath). */
    public static final List<String> ACTIONS = concat(List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath",
            "ChildMd5", "ChildPid", "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation"), ATTRS);

    /** Machine.get_registry. */
    public static final List<String> MACHINE_REGISTRY = concat(List.of("DateTime", "Muid", "LoggedUser", "Key", "Value",
            "ValueData", "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation"), ATTRS);

    /**
     * Process.get_registry: the process columns the seed lists there, then the registry's own
     * (Key, Value, ValueData), without which a registry action says nothing of its key.
     */
    public static final List<String> PROCESS_REGISTRY = List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath",
            "ChildMd5", "ChildPid", "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation",
            "Key", "Value", "ValueData");

    /** Process.get_communications. */
    public static final List<String> PROCESS_COMMUNICATIONS = List.of("DateTime", "Date", "Muid", "LoggedUser",
            "ParentFilename", "ParentPid", "RemoteIp", "RemotePort", "LocalIp", "LocalPort", "Protocol", "Direction",
            "Ipv4Status");

    /** Machine.get_communications. */
    public static final List<String> MACHINE_COMMUNICATIONS = concat(PROCESS_COMMUNICATIONS, List.of("Times"));

    /** get_detections and get_blocked. */
    public static final List<String> DETECTIONS = List.of("DateTime", "ClientId", "Muid", "LoggedUser", "ChildMd5",
            "ChildPath", "ChildFilename", "ParentMd5", "ParentPath", "ParentFilename", "WinningTech", "DetectionId",
            "Action");

    /** Machine.get_processes. */
    public static final List<String> PROCESSES = List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath",
            "ChildMd5", "ChildPid", "ParentFilename", "ParentPath", "ParentMd5", "ParentPid", "Operation");

    /** Process.get_execution_tree. */
    public static final List<String> EXECUTION_TREE = List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildMd5",
            "ChildPid", "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation");

    /**
     * Who started a process and for what (StartedBy, StartedFor: a service, task, WMI consumer,
     * PsExec): not the seed's; an execution tree adds them when one of its processes has them.
     */
    public static final List<String> STARTERS = List.of("StartedBy", "StartedFor");

    /** get_ioas. */
    public static final List<String> IOAS = List.of("alertDateTime", "clientId", "critical", "details", "excluded",
            "huntingRule", "id", "lastHourEvidenceCount", "mitre", "muid", "severity", "status", "timeStamp", "weight");

    /** get_users. */
    public static final List<String> USERS = List.of("LoggedUser", "IniDate", "EndDate", "NumDays");

    /** get_timetable. */
    static final List<String> TIMETABLE = List.of("LoggedUser", "Weekday", "Hour", "AvgActions", "StdActions");

    /** get_bandwidth. */
    public static final List<String> BANDWIDTH = List.of("Date", "Outgoing", "Incoming");

    /** Keys rows carry beside the seed's columns, for pivots. */
    public static final List<String> KEYS = List.of("ClientId", "MachineName", "ChildGuid", "ParentGuid", "ParentPath",
            "ChildPath", "EventId", "Channel", "CommandLine", "AlsoLogged", "LogonId", "TokenElevation", "StartedBy", "StartedFor");

    public static List<String> concat(List<String> a, List<String> b) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        for (String s : b) {
            if (!all.contains(s)) {
                all.add(s);
            }
        }
        return List.copyOf(all);
    }
}
