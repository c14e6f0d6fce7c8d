package dev.th.cli;

/**
 * The options of the seed's methods as the {@code th} question commands spell them. Each method
 * accepts a few of them (see {@link Method}); {@code --period}, {@code --format} and
 * {@code --db} are not listed here because every method takes them.
 */
enum Opt {
    FILE("--file", "FILE", "files acted on (MD5, path or name)"),
    USER("--user", "USER", "users (DOMAIN\\name or name); --users is the same"),
    KIND("--kind", "KIND", "interpreter, remoteaccess, admintool, hackingtool, userallowed"),
    OPERATION("--operation", "OP", "the method's operations (create, kill, ...)"),
    COMMAND("--command", "TEXT", "command lines containing TEXT"),
    ATTRIBUTES("--attributes", "ATTR", "ATTR_REMOTE, ATTR_EXTERNAL, ATTR_FRESHUNKNOWN, ATTR_LANSHARED (OR'ed)"),
    PROTOCOL("--protocol", "PROTO", "ICMP, IGMP, RFCOMM, TCP, RDP, UDP, ICMPV6, RM"),
    PORT("--port", "PORT", "a number or FTP, SSH, TELNET, SMTP, HTTP, POP3, HTTPS, RDP"),
    IPTYPE("--iptype", "TYPE", "Public or Private"),
    DIRECTION("--direction", "DIR", "Incoming or Outgoing"),
    IPS("--ips", "IP", "remote IP addresses"),
    TOP("--top", "N", "aggregate identical rows (Times) and keep the N most frequent; --ntop is the same"),
    RULES("--rules", "TEXT", "hunting rule names containing TEXT"),
    BY("--by", "BY", "type or classif"),
    HISTOGRAM("--histogram", "H", "day or hour, optionally :COLUMN:TOPN (e.g. day:ParentFilename:5)");

    private final String flag;
    private final String label;
    private final String help;

    Opt(String flag, String label, String help) {
        this.flag = flag;
        this.label = label;
        this.help = help;
    }

    /** The option as typed, e.g. {@code --kind}. */
    String flag() {
        return flag;
    }

    String label() {
        return label;
    }

    String help() {
        return help;
    }

    /** The option whose names include {@code name} (e.g. {@code --users}), or null. */
    static Opt of(String name) {
        for (Opt o : values()) {
            if (o.flag.equals(name)) {
                return o;
            }
        }
        return switch (name) {
            case "--users" -> USER;
            case "--ntop" -> TOP;
            default -> null;
        };
    }
}
