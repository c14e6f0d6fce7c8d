package dev.th.cli;

/**
 * The options of the seed's methods as the {@code th} question commands spell them. Each method
 * accepts a few of them (see {@link Method}); {@code --period} goes with whether a method reads a
 * period ({@link Method#timed()}), and {@code --format} and {@code --db} apply to every method.
 */
enum Opt {
    FILE("--file"),
    USER("--user"),
    KIND("--kind"),
    PARENT_KIND("--parent-kind"),
    OPERATION("--operation"),
    COMMAND("--command"),
    ATTRIBUTES("--attributes"),
    EXCLUDE_ALLOWED("--exclude-allowed"),
    FRESH("--fresh"),
    PROTOCOL("--protocol"),
    PORT("--port"),
    IPTYPE("--iptype"),
    DIRECTION("--direction"),
    IPS("--ips"),
    TOP("--top"),
    BYTES("--bytes"),
    RANK("--rank"),
    RULES("--rules"),
    BY("--by"),
    NAMED("--named"),
    NEW("--new"),
    REMOTE("--remote"),
    LOGON_TYPE("--logon-type"),
    LOGON_ID("--logon-id"),
    HISTOGRAM("--histogram");

    private final String flag;

    Opt(String flag) {
        this.flag = flag;
    }

    /** The option as typed, e.g. {@code --kind}. */
    String flag() {
        return flag;
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
