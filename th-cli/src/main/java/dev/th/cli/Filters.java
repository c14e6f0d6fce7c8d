package dev.th.cli;

import static dev.th.cli.AskOptions.apply;
import static dev.th.cli.AskOptions.array;

import dev.th.BlockedQuery;
import dev.th.CommunicationsQuery;
import dev.th.DetectionsQuery;
import dev.th.ExecutionsQuery;
import dev.th.FilesQuery;
import dev.th.IoasQuery;
import dev.th.ProcessesQuery;
import dev.th.RegistryQuery;
import dev.th.UsersQuery;

/**
 * Hands the options given on the command line to the API's questions, one function per
 * question type; only the options given are applied (a method's table entry decides which it
 * accepts). Value errors come back as usage errors naming the option.
 */
final class Filters {
    private Filters() {
    }

    static ExecutionsQuery executions(ExecutionsQuery q, AskOptions o) {
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        if (o.user != null) apply(Opt.USER, () -> q.user(array(o.user)));
        if (o.kind != null) apply(Opt.KIND, () -> q.kind(array(o.kind)));
        if (o.parentKind != null) apply(Opt.PARENT_KIND, () -> q.parentKind(array(o.parentKind)));
        if (o.operation != null) apply(Opt.OPERATION, () -> q.operation(array(o.operation)));
        if (o.command != null) apply(Opt.COMMAND, () -> q.command(array(o.command)));
        if (o.attributes != null) apply(Opt.ATTRIBUTES, () -> q.attributes(array(o.attributes)));
        if (o.excludeAllowed) q.excludeAllowed();
        if (o.fresh != null) apply(Opt.FRESH, () -> q.freshUnknown(fresh(o.fresh)[0], fresh(o.fresh)[1]));
        return q;
    }

    static FilesQuery files(FilesQuery q, AskOptions o) {
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        if (o.user != null) apply(Opt.USER, () -> q.user(array(o.user)));
        if (o.kind != null) apply(Opt.KIND, () -> q.kind(array(o.kind)));
        if (o.parentKind != null) apply(Opt.PARENT_KIND, () -> q.parentKind(array(o.parentKind)));
        if (o.operation != null) apply(Opt.OPERATION, () -> q.operation(array(o.operation)));
        if (o.attributes != null) apply(Opt.ATTRIBUTES, () -> q.attributes(array(o.attributes)));
        if (o.excludeAllowed) q.excludeAllowed();
        if (o.fresh != null) apply(Opt.FRESH, () -> q.freshUnknown(fresh(o.fresh)[0], fresh(o.fresh)[1]));
        return q;
    }

    /** {@code DAYS:MACHINES} of --fresh. */
    static int[] fresh(String text) {
        String[] parts = text.trim().split(":");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not DAYS:MACHINES (e.g. 7:3)");
    }

    static RegistryQuery registry(RegistryQuery q, AskOptions o) {
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        if (o.user != null) apply(Opt.USER, () -> q.user(array(o.user)));
        if (o.kind != null) apply(Opt.KIND, () -> q.kind(array(o.kind)));
        if (o.parentKind != null) apply(Opt.PARENT_KIND, () -> q.parentKind(array(o.parentKind)));
        if (o.operation != null) apply(Opt.OPERATION, () -> q.operation(array(o.operation)));
        return q;
    }

    static dev.th.FamilyQuery family(dev.th.FamilyQuery q, AskOptions o) {
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        if (o.user != null) apply(Opt.USER, () -> q.user(array(o.user)));
        if (o.operation != null) apply(Opt.OPERATION, () -> q.operation(array(o.operation)));
        if (o.named != null) apply(Opt.NAMED, () -> q.name(array(o.named)));
        if (o.newOnly) q.newOnly();
        return q;
    }

    static dev.th.SessionsQuery sessions(dev.th.SessionsQuery q, AskOptions o) {
        if (o.user != null) apply(Opt.USER, () -> q.user(array(o.user)));
        if (o.logonType != null) apply(Opt.LOGON_TYPE, () -> q.type(array(o.logonType)));
        if (o.remote) q.remote();
        return q;
    }

    static dev.th.ScriptsQuery scripts(dev.th.ScriptsQuery q, AskOptions o) {
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        if (o.user != null) apply(Opt.USER, () -> q.user(array(o.user)));
        if (o.operation != null) apply(Opt.OPERATION, () -> q.operation(array(o.operation)));
        if (o.command != null) apply(Opt.COMMAND, () -> q.command(array(o.command)));
        return q;
    }

    static CommunicationsQuery communications(CommunicationsQuery q, AskOptions o) {
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        if (o.protocol != null) apply(Opt.PROTOCOL, () -> q.protocol(array(o.protocol)));
        if (o.port != null) apply(Opt.PORT, () -> q.port(array(o.port)));
        if (o.iptype != null) apply(Opt.IPTYPE, () -> q.ipType(o.iptype));
        if (o.direction != null) apply(Opt.DIRECTION, () -> q.direction(o.direction));
        if (o.ips != null) apply(Opt.IPS, () -> q.ips(array(o.ips)));
        if (o.top != null) apply(Opt.TOP, () -> q.top(o.top));
        if (o.bytes) q.bytes();
        if (o.rank != null) apply(Opt.RANK, () -> switch (o.rank.toLowerCase(java.util.Locale.ROOT)) {
            case "bytes" -> q.rankByBytes();
            case "times" -> q;
            default -> throw new IllegalArgumentException("'" + o.rank + "' is not one of times, bytes");
        });
        return q;
    }

    static DetectionsQuery detections(DetectionsQuery q, AskOptions o) {
        if (o.user != null) apply(Opt.USER, () -> q.users(array(o.user)));
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        return q;
    }

    static BlockedQuery blocked(BlockedQuery q, AskOptions o) {
        if (o.user != null) apply(Opt.USER, () -> q.users(array(o.user)));
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        return q;
    }

    static ProcessesQuery processes(ProcessesQuery q, AskOptions o) {
        if (o.file != null) apply(Opt.FILE, () -> q.file(array(o.file)));
        if (o.user != null) apply(Opt.USER, () -> q.user(array(o.user)));
        if (o.kind != null) apply(Opt.KIND, () -> q.kind(array(o.kind)));
        if (o.parentKind != null) apply(Opt.PARENT_KIND, () -> q.parentKind(array(o.parentKind)));
        return q;
    }

    static UsersQuery users(UsersQuery q, AskOptions o) {
        if (o.user != null) apply(Opt.USER, () -> q.users(array(o.user)));
        return q;
    }

    static IoasQuery ioas(IoasQuery q, AskOptions o) {
        if (o.rules != null) apply(Opt.RULES, () -> q.rules(array(o.rules)));
        return q;
    }
}
