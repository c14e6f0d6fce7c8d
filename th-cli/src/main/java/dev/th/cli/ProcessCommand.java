package dev.th.cli;

import dev.th.Machine;
import dev.th.Process;
import dev.th.TH;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code th process (--muid M --pid N [--time T] | --guid G) METHOD}: the seed's Process methods. */
@Command(name = "process", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask a process (by machine, pid and time, by GUID, or by --name, --md5 and --user: the seed's "
            + "Process(filename=, md5=, logged_user=)) one of the seed's Process methods.",
            "The process is its machine's (--muid: Muid or name) latest creation of --pid at or before --time, or the one with --guid."})
public final class ProcessCommand extends AskCommand<Process> {
    @Parameters(index = "0", paramLabel = "METHOD", description = "One of the methods below")
    String method;

    @Option(names = "--muid", paramLabel = "M", description = "The process's machine: Muid or name")
    String muid;

    @Option(names = "--pid", paramLabel = "N", description = "The process's pid")
    Long pid;

    @Option(names = "--time", paramLabel = "T", description = "A time the process was running, UTC: 2020-10-18T07:49:39Z, "
            + "2020-10-18T07:49:39.123Z or '2020-10-18 07:49:39' (as tables show it). Optional when the pid was created once")
    String time;

    @Option(names = "--guid", paramLabel = "G", description = "The process GUID (braces and case ignored)")
    String guid;

    @Option(names = "--client", paramLabel = "ID", description = "Look for the machine or GUID in this client only")
    String client;

    @Option(names = "--name", paramLabel = "X", description = "The process's binary file name (the seed's filename=)")
    String name;

    @Option(names = "--md5", paramLabel = "Y", description = "The process's binary MD5 (the seed's md5=)")
    String md5;

    public ProcessCommand() {
        super(() -> ProcessMethods.TABLE,
                "th process --muid WORKSTATION5 --pid 8972 execution_tree --period all",
                "th process --muid WORKSTATION5 --pid 4824 --time '2020-10-18 23:50:05' files --period all",
                "th process --guid '{39e4a257-8244-5f92-c117-000000000700}' childs --format json",
                "th process --muid WORKSTATION5 --pid 4824 commandlines --ntop 5 --period all",
                "th process --name rundll32.exe --user wardog execution_tree --period all");
    }

    @Override
    String method() {
        return method;
    }

    @Override
    void checkTarget() {
        if (bySpec()) {
            if (guid != null || pid != null) {
                throw new UsageError("give the process by --name/--md5/--user, by --pid or by --guid, not several");
            }
            instant();
            return;
        }
        if (guid == null && (muid == null || pid == null)) {
            throw new UsageError("give the process by --muid M --pid N [--time T], by --guid G, or by --name X "
                    + "[--md5 Y] [--user U] [--muid M] [--time T]");
        }
        if (guid != null && (pid != null || time != null)) {
            throw new UsageError("give either --guid or --pid/--time, not both");
        }
        instant();
    }

    /** --time as an instant, or null. */
    private Instant instant() {
        if (time == null) {
            return null;
        }
        String t = time.trim();
        try {
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase(java.util.Locale.ROOT).replace(' ', 'T'));
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UsageError("--time: bad time '" + time + "'; allowed: an ISO time in UTC such as 2020-10-18T07:49:39Z, "
                    + "2020-10-18T07:49:39.123Z or '2020-10-18 07:49:39'");
        }
    }

    /** Whether the process is given by what the seed's Process(...) takes: --name, --md5, --user. */
    private boolean bySpec() {
        return name != null || md5 != null || user() != null;
    }

    /** --user (the seed's logged_user=): which process, never a method's filter here. */
    private String user() {
        return options.user == null || options.user.isEmpty() ? null : options.user.get(0);
    }

    @Override
    java.util.Set<Opt> selectors() {
        return java.util.EnumSet.of(Opt.USER);
    }

    @Override
    Process target(TH th) {
        Machine m = muid == null ? null : Targets.machine(th, client, muid, seeMachines());
        if (bySpec()) {
            return Targets.bySpec(th, client, m, name, md5, user(), instant());
        }
        if (guid != null) {
            return Targets.byGuid(th, client, m, guid);
        }
        return Targets.byPid(m, pid, instant(), time);
    }

    @Override
    String span(Process p) {
        return ProcessMethods.span(p);
    }
}
