package dev.th.cli;

import dev.th.Machine;
import dev.th.TH;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code th machine (NAME|MUID | --ip A) METHOD}: the seed's Machine methods. */
@Command(name = "machine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask a machine (by name, first name label or Muid, or by --ip) one of the seed's Machine methods."})
public final class MachineCommand extends AskCommand<Machine> {
    @Parameters(arity = "1..2", paramLabel = "NAME|MUID METHOD", description = {
        "The machine (its name, the first label of its name, or its Muid; not with --ip), then one of the methods below"})
    List<String> words;

    @Option(names = "--ip", paramLabel = "A", description = "The machine that used local address A in the period "
            + "(from its own connections: Sysmon 3, Windows Filtering Platform)")
    String ip;

    @Option(names = "--client", paramLabel = "ID", description = "Look for the machine in this client only")
    String client;

    public MachineCommand() {
        super(() -> MachineMethods.TABLE,
                "th machine WIN-DC01 executions --kind interpreter --operation create --period 7d",
                "th machine WORKSTATION5 communications --direction Outgoing --top 10 --period all --format json",
                "th machine WORKSTATION5 registry --operation modify --histogram day:ParentFilename:3 --period all",
                "th machine WORKSTATION5 events --by type --period 2020-10-23",
                "th machine WORKSTATION5 first_seen",
                "th machine fs03vuln pipes --named PSEXESVC --operation created --period all",
                "th machine --ip 10.0.2.15 processes --period all");
    }

    @Override
    String method() {
        return words.get(words.size() - 1);
    }

    @Override
    void checkTarget() {
        if (ip == null && words.size() != 2) {
            throw new UsageError("give the machine then the method (NAME|MUID METHOD), or --ip A METHOD");
        }
        if (ip != null && words.size() != 1) {
            throw new UsageError("give either the machine's NAME|MUID or --ip, not both");
        }
    }

    @Override
    Machine target(TH th) {
        if (ip != null) {
            return Targets.byLocalIp(th, client, ip, options.period(th.defaultPeriod()));
        }
        return Targets.machine(th, client, words.get(0), seeMachines());
    }

    @Override
    String span(Machine m) {
        return MachineMethods.span(m);
    }
}
