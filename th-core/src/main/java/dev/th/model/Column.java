package dev.th.model;

/**
 * The columns of the canonical event table, in storage order. Names are the seed's column names
 * (exact spelling and case) where the seed has one; internal columns have plain names.
 * One wide table holds every family; a column that does not apply to a family is null.
 */
public enum Column {
    // identity and time
    ClientId(Type.TEXT),
    Muid(Type.TEXT),
    MachineName(Type.TEXT),
    DateTime(Type.TIMESTAMP),
    Date(Type.DATE),
    Channel(Type.TEXT),
    Provider(Type.TEXT),
    EventId(Type.INT),
    RecordId(Type.BIGINT),
    SourceHash(Type.TEXT),
    SourcePath(Type.TEXT),
    SourceOffset(Type.BIGINT),
    /** Carved from outside a live region (an EVTX chunk's slack space, or {@code th carve}). */
    Recovered(Type.BOOLEAN),
    /** A recovered record whose template was lost: its Fields hold only Substitution_N values. */
    TemplateLost(Type.BOOLEAN),
    /** True on a record that repeats a process creation or end another record stands for (4688 beside Sysmon 1). */
    Duplicate(Type.BOOLEAN),
    /** The other record of the same process creation or end ({@code path#RecordId}), on both records. */
    AlsoLogged(Type.TEXT),
    // what the event is
    Family(Type.TEXT),
    Operation(Type.TEXT),
    LoggedUser(Type.TEXT),
    /** The SID of LoggedUser where the event logs one (Security, PowerShell); joins names learnt per client. */
    UserSid(Type.TEXT),
    // process actions, file actions (Child = the file), registry actions (Parent = actor)
    ChildFilename(Type.TEXT),
    ChildPath(Type.TEXT),
    ChildMd5(Type.TEXT),
    ChildPid(Type.BIGINT),
    ChildGuid(Type.TEXT),
    ParentFilename(Type.TEXT),
    ParentPath(Type.TEXT),
    ParentMd5(Type.TEXT),
    ParentPid(Type.BIGINT),
    ParentGuid(Type.TEXT),
    CommandLine(Type.TEXT),
    ParentCommandLine(Type.TEXT),
    // registry
    Key(Type.TEXT),
    Value(Type.TEXT),
    ValueData(Type.TEXT),
    // communications
    RemoteIp(Type.TEXT),
    /** The name a DNS query of the same process resolved to RemoteIp (Sysmon 22; Zeek dns.log for flows). */
    RemoteName(Type.TEXT),
    RemotePort(Type.INT),
    LocalIp(Type.TEXT),
    LocalPort(Type.INT),
    Protocol(Type.TEXT),
    Direction(Type.TEXT),
    Ipv4Status(Type.TEXT),
    /** Bytes on the wire this machine sent in the connection: from the network flow matched to it. */
    SentBytes(Type.BIGINT),
    /** Bytes on the wire this machine received in the connection: from its network flow. */
    ReceivedBytes(Type.BIGINT),
    /** The host names of the connection's network flow: Zeek http.log {@code host}, ssl.log {@code server_name} (comma list). */
    FlowHost(Type.TEXT),
    // detections and blocked items
    WinningTech(Type.TEXT),
    DetectionId(Type.TEXT),
    Action(Type.TEXT),
    // attributes (set by enrichment; null until then)
    RemoteSession(Type.BOOLEAN),
    External(Type.BOOLEAN),
    FreshUnknown(Type.BOOLEAN),
    LanShared(Type.BOOLEAN),
    Kind(Type.TEXT),
    // internal detail kept under clear names
    Hashes(Type.TEXT),
    IntegrityLevel(Type.TEXT),
    TokenElevation(Type.TEXT),
    LogonId(Type.TEXT),
    LogonType(Type.TEXT),
    GrantedAccess(Type.TEXT),
    QueryName(Type.TEXT),
    QueryResults(Type.TEXT),
    /** Minutes added to the event's own time to correct its input's clock (null: none; see docs/normalize.md). */
    ClockShift(Type.INT),
    // every field of the original event, as a JSON object of strings
    Fields(Type.JSON),
    // services, scheduled tasks, WMI and named pipes (appended after Fields: older stores get them added)
    /** The service, task, WMI filter/consumer or pipe an event is about. */
    ObjectName(Type.TEXT),
    /** A service's type, a WMI consumer's type (CommandLineEventConsumer, ...). */
    ObjectType(Type.TEXT),
    /** A service's new state (running, stopped) or start type change; a task's result code. */
    ObjectState(Type.TEXT),
    /** A service's start type (boot, system, auto, demand, disabled). */
    StartType(Type.TEXT),
    /** The account a service or a task runs as. */
    Account(Type.TEXT),
    /** A task's triggers (element names of its XML, ";"-separated). */
    Triggers(Type.TEXT),
    /** Who started a process when the logs tell (service, task, wmi, psexec, winrm); set at commit. */
    StartedBy(Type.TEXT),
    /** What it was started for: the service, task or WMI consumer name; set at commit. */
    StartedFor(Type.TEXT),
    // kinds (appended at the end: stores made before gain it)
    /** The kinds of the acting process's binary (Parent), as {@link #Kind} holds the child's: comma-joined labels. */
    ParentKind(Type.TEXT),
    // logons (appended at the end: stores made before gain them; docs/normalize.md "Logons")
    /** The other logon of a UAC pair: a 4624's TargetLinkedLogonId (the elevated and the filtered token). */
    LinkedLogonId(Type.TEXT),
    /** Whether a logon's token is elevated (4624 ElevatedToken: Yes, No). */
    ElevatedToken(Type.TEXT),
    /** The authentication package of a logon (Kerberos, NTLM, Negotiate). */
    AuthPackage(Type.TEXT),
    /** The logon process (Advapi, User32, NtLmSsp, Kerberos, seclogo). */
    LogonProcess(Type.TEXT),
    /** The workstation a logon came from (4624/4625 WorkstationName, 4778 ClientName, 4776 Workstation). */
    Workstation(Type.TEXT),
    /** The account that asked for a logon (4624/4625/4648's Subject), where LoggedUser is the one logged on. */
    SubjectUser(Type.TEXT),
    /**
     * Why RemoteSession is true: the remote logon the row ran in, as {@code LogonId type N from
     * ADDRESS (USER, START)}; set at commit.
     */
    RemoteLogon(Type.TEXT),
    // evidence of the attributes (appended at the end: stores made before gain it)
    /**
     * Why External or LanShared holds on this row, one "Attribute: reason" per attribute joined by
     * "; " (the Zone.Identifier's ZoneId and URLs, the writer, the share write and its address, the
     * earlier row it was carried from); null when neither holds.
     */
    AttrEvidence(Type.TEXT);

    /** Storage types, mapped to SQL by each engine. */
    public enum Type { TEXT, INT, BIGINT, BOOLEAN, TIMESTAMP, DATE, JSON }

    private final Type type;

    Column(Type type) {
        this.type = type;
    }

    public Type type() {
        return type;
    }
}
