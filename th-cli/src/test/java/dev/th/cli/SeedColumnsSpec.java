package dev.th.cli;

import java.util.List;

/** The columns the seeds list for each method, copied from the seed text (what the JSON keys must be). */
final class SeedColumnsSpec {
    private SeedColumnsSpec() {
    }

    static final List<String> MACHINE_EXECUTIONS = List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath",
            "ChildMd5", "ChildPid", "ParentFilename", "ParentPath", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp",
            "Operation", "RemoteSession", "External", "FreshUnknown", "LanShared");
    static final List<String> FILES = List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath", "ChildMd5",
            "ChildPid", "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation", "RemoteSession",
            "External", "FreshUnknown", "LanShared");
    static final List<String> PROCESS_EXECUTIONS = FILES;
    static final List<String> MACHINE_REGISTRY = List.of("DateTime", "Muid", "LoggedUser", "Key", "Value", "ValueData",
            "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation", "RemoteSession", "External",
            "FreshUnknown", "LanShared");
    /** The process columns the seed's Process page lists, then the registry's own (issue 8, item 6). */
    static final List<String> PROCESS_REGISTRY = List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath",
            "ChildMd5", "ChildPid", "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation",
            "Key", "Value", "ValueData");
    static final List<String> PROCESS_COMMUNICATIONS = List.of("DateTime", "Date", "Muid", "LoggedUser", "ParentFilename",
            "ParentPid", "RemoteIp", "RemotePort", "LocalIp", "LocalPort", "Protocol", "Direction", "Ipv4Status");
    static final List<String> MACHINE_COMMUNICATIONS = List.of("DateTime", "Date", "Muid", "LoggedUser", "ParentFilename",
            "ParentPid", "RemoteIp", "RemotePort", "LocalIp", "LocalPort", "Protocol", "Direction", "Ipv4Status", "Times");
    static final List<String> DETECTIONS = List.of("DateTime", "ClientId", "Muid", "LoggedUser", "ChildMd5", "ChildPath",
            "ChildFilename", "ParentMd5", "ParentPath", "ParentFilename", "WinningTech", "DetectionId", "Action");
    static final List<String> PROCESSES = List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath", "ChildMd5",
            "ChildPid", "ParentFilename", "ParentPath", "ParentMd5", "ParentPid", "Operation");
    static final List<String> EXECUTION_TREE = List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildMd5",
            "ChildPid", "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation");
    static final List<String> IOAS = List.of("alertDateTime", "clientId", "critical", "details", "excluded", "huntingRule",
            "id", "lastHourEvidenceCount", "mitre", "muid", "severity", "status", "timeStamp", "weight");
    static final List<String> USERS = List.of("LoggedUser", "IniDate", "EndDate", "NumDays");
    static final List<String> TIMETABLE = List.of("LoggedUser", "Weekday", "Hour", "AvgActions", "StdActions");
    static final List<String> BANDWIDTH = List.of("Date", "Outgoing", "Incoming");
}
