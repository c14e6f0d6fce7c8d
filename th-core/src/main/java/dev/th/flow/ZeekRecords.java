package dev.th.flow;

import dev.th.json.JsonTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Zeek's field names (the same in its TSV and JSON formats) turned into {@link Flow}s and
 * {@link NetName}s, for the logs TH reads: {@code conn}, {@code dns}, {@code http}, {@code ssl}.
 * Values are looked up by name; an unset value is null.
 */
final class ZeekRecords {
    /** The Zeek logs TH reads. */
    static final Set<String> LOGS = Set.of("conn", "dns", "http", "ssl");

    /** The fields a conn.log record cannot do without. */
    static final List<String> CONN_REQUIRED = List.of("ts", "uid", "id.orig_h", "id.resp_h", "proto");

    /** A record's values by Zeek field name: null when unset; a set or vector as its text. */
    interface Fields {
        String get(String name);
    }

    private ZeekRecords() {
    }

    /** The record of one line of log {@code path} into {@code sink}. */
    static void emit(String path, Fields f, long line, FlowSink sink) {
        switch (path) {
            case "conn" -> sink.flow(conn(f, line));
            case "dns" -> sink.name(new NetName(time(f), f.get("uid"), "dns", f.get("query"), addresses(f.get("answers")),
                    line));
            case "http" -> sink.name(new NetName(time(f), f.get("uid"), "http", f.get("host"), List.of(), line));
            case "ssl" -> sink.name(new NetName(time(f), f.get("uid"), "ssl", f.get("server_name"), List.of(), line));
            default -> throw new IllegalArgumentException("TH does not read Zeek's " + path + " log");
        }
    }

    static Flow conn(Fields f, long line) {
        String orig = required(f, "id.orig_h");
        String resp = required(f, "id.resp_h");
        return new Flow(required(f, "uid"), time(f), orig, port(f, "id.orig_p"), resp, port(f, "id.resp_p"),
                lower(required(f, "proto")), f.get("service"), decimal(f, "duration"), count(f, "orig_bytes"),
                count(f, "resp_bytes"), f.get("conn_state"), bool(f, "local_orig"), bool(f, "local_resp"),
                f.get("history"), count(f, "orig_pkts"), count(f, "orig_ip_bytes"), count(f, "resp_pkts"),
                count(f, "resp_ip_bytes"), line);
    }

    /** The {@code ts} field: epoch seconds with a fraction, or ISO-8601 text (Zeek's JSON option). */
    static Instant time(Fields f) {
        String ts = required(f, "ts");
        return epochOrText(ts, "ts");
    }

    static Instant epochOrText(String ts, String field) {
        char c = ts.isEmpty() ? ' ' : ts.charAt(0);
        if (c >= '0' && c <= '9' && ts.indexOf('-') < 0) {
            return epochSeconds(ts, field);
        }
        try {
            return JsonTime.parse(ts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + ts + "' is not a time");
        }
    }

    /** {@code 1692161622.036086} to an instant, to the microsecond. */
    static Instant epochSeconds(String s, String field) {
        int dot = s.indexOf('.');
        try {
            long secs = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
            long nanos = 0;
            if (dot >= 0) {
                String frac = s.substring(dot + 1);
                if (frac.length() > 9) {
                    frac = frac.substring(0, 9);
                }
                for (int i = 0; i < frac.length(); i++) {
                    char ch = frac.charAt(i);
                    if (ch < '0' || ch > '9') {
                        throw new NumberFormatException();
                    }
                }
                nanos = frac.isEmpty() ? 0 : Long.parseLong(frac) * POW10[9 - frac.length()];
            }
            return Instant.ofEpochSecond(secs, nanos);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException(field + " '" + s + "' is not a time in epoch seconds");
        }
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    static String required(Fields f, String name) {
        String v = f.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("no " + name);
        }
        return v;
    }

    static Integer port(Fields f, String name) {
        String v = f.get(name);
        if (v == null) {
            return null;
        }
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a port");
        }
    }

    static Long count(Fields f, String name) {
        String v = f.get(name);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a count");
        }
    }

    static Double decimal(Fields f, String name) {
        String v = f.get(name);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a duration in seconds");
        }
    }

    static Boolean bool(Fields f, String name) {
        String v = f.get(name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "T", "true" -> Boolean.TRUE;
            case "F", "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(name + " '" + v + "' is not T or F");
        };
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** The addresses among DNS answers ({@code a,b,c}: names of CNAMEs and TXT answers are left out). */
    static List<String> addresses(String answers) {
        List<String> out = new ArrayList<>();
        if (answers == null || answers.isEmpty()) {
            return out;
        }
        for (String a : answers.split(",")) {
            String s = a.strip();
            if (Addresses.isAddress(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
