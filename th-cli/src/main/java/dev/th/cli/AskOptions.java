package dev.th.cli;

import dev.th.Histogram;
import dev.th.TimePeriod;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The options of the seed's methods, shared by every question command ({@code th machine},
 * {@code th process}, {@code th client}, {@code th user}, {@code th file}). Which of them a method
 * accepts is its {@link Method#options()}; values are parsed by the API, whose errors list the
 * allowed values, and {@link #apply} names the option in front of such an error.
 */
public final class AskOptions {
    @Option(names = "--period", paramLabel = "PERIOD",
            description = "today (default, as in the seed), all, Nd (e.g. 7d), YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD")
    String period;

    @Option(names = "--recovered", paramLabel = "WHICH",
            description = "include (default), only or exclude the records recovered from EVTX slack space or th carve")
    String recovered;
    /** Set when the method applied --recovered (a method that reads no events rows does not). */
    boolean recoveredApplied;

    @Option(names = "--file", paramLabel = "FILE", description = "Files (MD5, path or name); repeat for several")
    List<String> file;

    @Option(names = {"--user", "--users"}, paramLabel = "USER", description = "Users (DOMAIN\\name or name); repeat for several")
    List<String> user;

    @Option(names = "--kind", paramLabel = "KIND", split = ",",
            description = "interpreter, remoteaccess, admintool, hackingtool, userallowed")
    List<String> kind;

    @Option(names = "--parent-kind", paramLabel = "KIND", split = ",",
            description = "The actor's kind (the parent process, the process writing): as --kind")
    List<String> parentKind;

    @Option(names = "--operation", paramLabel = "OP", split = ",", description = "The method's operations, e.g. create,kill")
    List<String> operation;

    @Option(names = "--command", paramLabel = "TEXT", description = "Command lines containing TEXT (literal, case ignored)")
    List<String> command;

    @Option(names = "--attributes", paramLabel = "ATTR", split = ",",
            description = "ATTR_REMOTE, ATTR_EXTERNAL, ATTR_FRESHUNKNOWN, ATTR_LANSHARED (OR'ed)")
    List<String> attributes;

    @Option(names = "--exclude-allowed", description = "Leave out binaries on the client's allow list (th allow add)")
    boolean excludeAllowed;

    @Option(names = "--fresh", paramLabel = "DAYS:MACHINES",
            description = "FreshUnknown's N and k: first seen at most DAYS before the row on at most MACHINES machines (default 7:3)")
    String fresh;

    @Option(names = "--protocol", paramLabel = "PROTO", split = ",", description = "ICMP, IGMP, RFCOMM, TCP, RDP, UDP, ICMPV6, RM")
    List<String> protocol;

    @Option(names = "--port", paramLabel = "PORT", split = ",", description = "Numbers or FTP, SSH, TELNET, SMTP, HTTP, POP3, HTTPS, RDP")
    List<String> port;

    @Option(names = "--iptype", paramLabel = "TYPE", description = "Public or Private")
    String iptype;

    @Option(names = "--direction", paramLabel = "DIR", description = "Incoming or Outgoing")
    String direction;

    @Option(names = "--ips", paramLabel = "IP", split = ",", description = "Remote IP addresses")
    List<String> ips;

    @Option(names = {"--top", "--ntop"}, paramLabel = "N", description = "communications: aggregate (Times) and keep the N most frequent; commandlines: the N most used")
    Integer top;

    @Option(names = "--bytes", description = "communications: add SentBytes, ReceivedBytes (from network flows), RemoteName and FlowHost (http/ssl host names)")
    boolean bytes;

    @Option(names = "--rank", paramLabel = "BY", description = "communications with --top: times (default) or bytes")
    String rank;

    @Option(names = "--remote", description = "sessions: only remote ones (network, Remote Desktop, or from another address)")
    boolean remote;

    @Option(names = "--logon-type", paramLabel = "N", split = ",", description = "sessions: logon types (2 interactive, 3 network, 10 Remote Desktop, ...)")
    List<String> logonType;

    @Option(names = "--logon-id", paramLabel = "ID", description = "session_processes: the session's LogonId (either half of a UAC pair)")
    String logonId;

    @Option(names = "--named", paramLabel = "TEXT", description = "services, tasks, wmi, pipes, logons: names containing TEXT (case ignored)")
    List<String> named;

    @Option(names = "--new", description = "services, tasks, wmi, pipes: only names first seen in the period")
    boolean newOnly;

    @Option(names = "--rules", paramLabel = "TEXT", split = ",", description = "Hunting rule names containing TEXT")
    List<String> rules;

    @Option(names = "--by", paramLabel = "BY", description = "events: type or classif")
    String by;

    @Option(names = "--histogram", paramLabel = "H", description = "day or hour, optionally :COLUMN:TOPN (e.g. day:ParentFilename:5)")
    String histogram;

    private TimePeriod parsedPeriod;

    /** The seed options given on the command line (not --period, --format, --db). */
    static Set<Opt> given(ParseResult parsed) {
        Set<Opt> out = EnumSet.noneOf(Opt.class);
        for (OptionSpec o : parsed.matchedOptions()) {
            for (String n : o.names()) {
                Opt opt = Opt.of(n);
                if (opt != null) {
                    out.add(opt);
                }
            }
        }
        return out;
    }

    /** The period asked, or {@code fallback} (the session's default, today) when none was given. */
    TimePeriod period(TimePeriod fallback) {
        if (period == null) {
            return fallback;
        }
        if (parsedPeriod == null) {
            try {
                parsedPeriod = TimePeriod.parse(period);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--period: " + e.getMessage());
            }
        }
        return parsedPeriod;
    }

    /** Whether --period was given. */
    boolean hasPeriod() {
        return period != null;
    }

    /** The histogram asked, or null. */
    Histogram histogram() {
        return histogram == null ? null : apply(Opt.HISTOGRAM, () -> Histogram.parse(histogram));
    }

    /** Runs {@code step} (which hands option {@code o}'s values to the API); its value errors become usage errors naming {@code o}. */
    static <R> R apply(Opt o, java.util.function.Supplier<R> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new UsageError(o.flag() + ": " + Suggest.improve(e.getMessage()));
        }
    }

    static String[] array(List<String> values) {
        return values.toArray(new String[0]);
    }
}
