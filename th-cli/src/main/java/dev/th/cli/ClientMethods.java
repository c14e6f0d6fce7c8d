package dev.th.cli;

import static dev.th.cli.Opt.COMMAND;
import static dev.th.cli.Opt.FILE;
import static dev.th.cli.Opt.IPS;
import static dev.th.cli.Opt.USER;

import dev.th.Client;
import java.util.EnumSet;

/**
 * The Client methods as {@code th client ID METHOD}: its machines (or the machines where a file,
 * an IP, a user or a command line was seen), and the machine questions asked fleet-wide.
 */
final class ClientMethods {
    private ClientMethods() {
    }

    static final Methods<Client> TABLE = new Methods<>("client",
            Method.<Client>of("machines", "the client's machines; with one of --file, --ips, --user, --command: those where it was seen",
                    EnumSet.of(FILE, IPS, USER, COMMAND), ClientMethods::machines).timeless(),
            Method.<Client>of("prevalence", "first and last seen, machines and events of one of --file, --ips, --user, --command",
                    EnumSet.of(FILE, IPS, USER, COMMAND), ClientMethods::prevalence).timeless(),
            Questions.ask("executions", "actions over processes on every machine",
                    MachineMethods.EXECUTIONS, Client::executions, Filters::executions),
            Questions.ask("files", "actions over files on every machine",
                    MachineMethods.FILES, Client::files, Filters::files),
            Questions.ask("registry", "actions over registry keys on every machine",
                    MachineMethods.REGISTRY, Client::registry, Filters::registry),
            Questions.ask("communications", "network connections of every machine",
                    MachineMethods.COMMUNICATIONS, Client::communications, Filters::communications),
            Questions.ask("detections", "detections on every machine",
                    MachineMethods.DETECTIONS, Client::detections, Filters::detections),
            Questions.ask("blocked", "what was blocked on every machine",
                    MachineMethods.DETECTIONS, Client::blocked, Filters::blocked),
            Questions.ask("processes", "processes started on every machine",
                    MachineMethods.PROCESSES, Client::processes, Filters::processes),
            Questions.ask("users", "users seen acting on every machine",
                    MachineMethods.USERS, Client::users, Filters::users),
            Questions.<Client>ioas("indicators of attack on every machine", Client::ioas));

    private static Answer machines(Client k, AskOptions o, Method.Context c) {
        int lookups = (o.file != null ? 1 : 0) + (o.ips != null ? 1 : 0) + (o.user != null ? 1 : 0) + (o.command != null ? 1 : 0);
        if (lookups > 1) {
            throw new UsageError("machines: give at most one of --file, --ips, --user, --command");
        }
        if (o.file != null) {
            return one(FILE, o.file.size(), () -> Answers.hits(k.machinesWithFile(o.file.get(0))));
        }
        if (o.ips != null) {
            return AskOptions.apply(IPS, () -> Answers.hits(k.machinesWithIp(AskOptions.array(o.ips))));
        }
        if (o.user != null) {
            return one(USER, o.user.size(), () -> Answers.hits(k.machinesWithUser(o.user.get(0))));
        }
        if (o.command != null) {
            return one(COMMAND, o.command.size(), () -> Answers.hits(k.machinesWithCommand(o.command.get(0))));
        }
        return Answers.hits(k.machines());
    }

    private static Answer prevalence(Client k, AskOptions o, Method.Context c) {
        int lookups = (o.file != null ? 1 : 0) + (o.ips != null ? 1 : 0) + (o.user != null ? 1 : 0) + (o.command != null ? 1 : 0);
        if (lookups != 1) {
            throw new UsageError("prevalence: give one of --file, --ips, --user, --command");
        }
        if (o.file != null) {
            return one(FILE, o.file.size(), () -> Answers.prevalence(k.prevalenceOfFile(o.file.get(0))));
        }
        if (o.ips != null) {
            return AskOptions.apply(IPS, () -> Answers.prevalence(k.prevalenceOfIp(AskOptions.array(o.ips))));
        }
        if (o.user != null) {
            return one(USER, o.user.size(), () -> Answers.prevalence(k.prevalenceOfUser(o.user.get(0))));
        }
        return one(COMMAND, o.command.size(), () -> Answers.prevalence(k.prevalenceOfCommand(o.command.get(0))));
    }

    private static Answer one(Opt opt, int given, java.util.function.Supplier<Answer> lookup) {
        if (given != 1) {
            throw new UsageError("give " + opt.flag() + " once");
        }
        return AskOptions.apply(opt, lookup);
    }
}
