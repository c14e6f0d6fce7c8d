package dev.th.sim;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites a template event as if a given fleet machine had logged it on a given day: the
 * machine's name (the {@code Computer} field too), a fresh process GUID and a shifted pid for
 * every process of the replay (the same original gives the same new value within one replay,
 * so parent/child chains still join), private IPs moved into the machine's site, public IPs
 * varied per machine and day, and the interactive user replaced by the machine's user.
 * The times written as text inside the fields ({@code UtcTime}, {@code CreationUtcTime},
 * {@code @timestamp}, {@code EventTime} ...) move with the event, by the difference between the
 * replayed time and the template's, in the form they had; a template whose TimeCreated is a
 * local time written as UTC (its UtcTime a whole number of quarter hours away) loses that offset
 * in the Sysmon {@code *UtcTime} fields. Sysmon's own UtcTime then agrees with the event time, as
 * on a machine whose clock is right, so the logs written out and ingested again keep the
 * simulated times (a UtcTime years off TimeCreated reads as a wrong clock). Everything else of
 * the event is kept as read (the {@code Message} text too).
 */
final class FleetReplay {
    private enum Kind { COMPUTER, GUID, PID, IP, USER, TIME, KEEP }

    private static final Map<String, Kind> KINDS = new ConcurrentHashMap<>();
    private static final Set<String> PID_FIELDS = Set.of("ProcessId", "ParentProcessId", "NewProcessId",
            "SourceProcessId", "TargetProcessId", "CallerProcessId", "ClientProcessId", "Execution_ProcessID",
            "ProcessID");
    private static final Set<String> IP_FIELDS = Set.of("SourceIp", "DestinationIp", "IpAddress", "SourceAddress",
            "DestAddress");
    private static final Set<String> USER_FIELDS = Set.of("User", "SubjectUserName", "TargetUserName");
    private static final Set<String> TIME_FIELDS = Set.of("UtcTime", "CreationUtcTime", "PreviousCreationUtcTime",
            "@timestamp", "EventTime", "EventReceivedTime");
    private static final Set<String> SERVICE_USERS = Set.of("system", "local service", "network service", "-", "",
            "anonymous logon", "dwm-1", "dwm-2", "umfd-0", "umfd-1", "umfd-2");

    private final String machine;
    private final int clientNo;
    private final int site;
    private final long guidKey;
    private final long pidOffset;
    private final int publicSalt;
    private final String user;

    /**
     * @param machine the fleet machine's name
     * @param clientNo the client's number (the second octet of its private network)
     * @param machineNo the machine's number inside its client
     * @param day the day number of the replay
     * @param replayNo distinguishes replays of the same machine and day
     */
    FleetReplay(String machine, int clientNo, int machineNo, int day, int replayNo) {
        this.machine = machine;
        this.clientNo = clientNo;
        this.site = machineNo / 25;
        long mix = mix64(((long) clientNo << 40) ^ ((long) machineNo << 20) ^ ((long) day << 4) ^ replayNo);
        this.guidKey = mix & 0xFFFF_FFFF_FFFFL;
        this.pidOffset = 4L * (1 + (mix >>> 48) % 4000);
        this.publicSalt = (machineNo * 7 + day) % 97;
        this.user = userName(clientNo, machineNo);
    }

    /** The interactive user of machine {@code machineNo} of client number {@code clientNo}. */
    static String userName(int clientNo, int machineNo) {
        return String.format(Locale.ROOT, "user%04d", clientNo * 1000 + machineNo);
    }

    /** The template event {@code e} as this machine logged it at {@code time}. */
    RawEvent rewrite(RawEvent e, Instant time, SourceRef source, long recordId) {
        Map<String, String> fields = new LinkedHashMap<>(e.fields().size() * 4 / 3 + 2);
        Duration shift = e.time() == null ? Duration.ZERO : Duration.between(e.time(), time);
        Duration utcShift = shift.minus(TextTimes.clockOffset(e.fields().get("UtcTime"), e.time()));
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            String v = f.getValue();
            if (v != null) {
                v = switch (kind(f.getKey())) {
                    case COMPUTER -> machine;
                    case GUID -> guid(v);
                    case PID -> pid(v);
                    case IP -> ip(v);
                    case USER -> user(v);
                    case TIME -> TextTimes.shift(v, f.getKey().contains("UtcTime") ? utcShift : shift);
                    case KEEP -> v;
                };
            }
            fields.put(f.getKey(), v);
        }
        return new RawEvent(source, recordId, time, e.provider(), e.channel(), e.eventId(), machine, fields);
    }

    private static Kind kind(String name) {
        Kind k = KINDS.get(name);
        if (k == null) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.equals("Computer") || name.equals("Hostname")) {
                k = Kind.COMPUTER;
            } else if (lower.contains("process") && lower.endsWith("guid")) {
                k = Kind.GUID;
            } else if (PID_FIELDS.contains(name)) {
                k = Kind.PID;
            } else if (IP_FIELDS.contains(name)) {
                k = Kind.IP;
            } else if (USER_FIELDS.contains(name)) {
                k = Kind.USER;
            } else if (TIME_FIELDS.contains(name)) {
                k = Kind.TIME;
            } else {
                k = Kind.KEEP;
            }
            KINDS.put(name, k);
        }
        return k;
    }

    /** The GUID's last group (12 hex digits) XOR'ed with the replay's key, case and braces kept. */
    private String guid(String v) {
        int end = v.endsWith("}") ? v.length() - 1 : v.length();
        int start = end - 12;
        if (start < 0 || v.charAt(start - 1) != '-') {
            return v;
        }
        long last;
        try {
            last = Long.parseLong(v, start, end, 16);
        } catch (NumberFormatException ex) {
            return v;
        }
        boolean upper = false;
        for (int i = start; i < end; i++) {
            char c = v.charAt(i);
            if (c >= 'A' && c <= 'F') {
                upper = true;
                break;
            }
        }
        String hex = String.format(Locale.ROOT, upper ? "%012X" : "%012x", last ^ guidKey);
        return v.substring(0, start) + hex + v.substring(end);
    }

    /** A pid moved by the replay's offset (0 and 4, the kernel's, kept); hex stays hex. */
    private String pid(String v) {
        boolean hex = v.startsWith("0x") || v.startsWith("0X");
        long p;
        try {
            p = hex ? Long.parseLong(v, 2, v.length(), 16) : Long.parseLong(v);
        } catch (NumberFormatException ex) {
            return v;
        }
        if (p <= 4) {
            return v;
        }
        long n = p + pidOffset;
        return hex ? "0x" + Long.toHexString(n) : Long.toString(n);
    }

    /** Private IPv4 into 10.client.site.x; public IPv4 varied in its last two octets; others kept. */
    private String ip(String v) {
        int[] o = ipv4(v);
        if (o == null || o[0] == 127 || o[0] == 0) {
            return v;
        }
        int h = (v.hashCode() & 0x7fffffff);
        if (o[0] == 10 || (o[0] == 172 && o[1] >= 16 && o[1] < 32) || (o[0] == 192 && o[1] == 168)) {
            return "10." + clientNo + "." + site + "." + (1 + h % 250);
        }
        int x = (h + publicSalt * 7919) & 0xffff;
        return o[0] + "." + o[1] + "." + (x >>> 8) + "." + (1 + (x & 0xff) % 254);
    }

    private String user(String v) {
        int slash = v.indexOf('\\');
        String name = slash < 0 ? v : v.substring(slash + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (SERVICE_USERS.contains(lower) || name.endsWith("$")) {
            return v;
        }
        return slash < 0 ? user : v.substring(0, slash + 1) + user;
    }

    private static int[] ipv4(String v) {
        int[] o = new int[4];
        int part = 0;
        int n = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                n = (n < 0 ? 0 : n * 10) + (c - '0');
                if (n > 255) {
                    return null;
                }
            } else if (c == '.' && n >= 0 && part < 3) {
                o[part++] = n;
                n = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || n < 0) {
            return null;
        }
        o[3] = n;
        return o;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93fe53e94cdL;
        return z ^ (z >>> 33);
    }
}
