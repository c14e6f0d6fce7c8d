package dev.th.cli;

import dev.th.Machine;
import dev.th.TH;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code th machine NAME|MUID METHOD}: the seed's Machine methods. */
@Command(name = "machine", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ask a machine (by name, first name label or Muid) one of the seed's Machine methods.")
public final class MachineCommand extends AskCommand<Machine> {
    @Parameters(index = "0", paramLabel = "NAME|MUID", description = "The machine: its name, the first label of its name, or its Muid")
    String machine;

    @Parameters(index = "1", paramLabel = "METHOD", description = "One of the methods below")
    String method;

    @Option(names = "--client", paramLabel = "ID", description = "Look for the machine in this client only")
    String client;

    public MachineCommand() {
        super(() -> MachineMethods.TABLE,
                "th machine WIN-DC01 executions --kind interpreter --operation create --period 7d",
                "th machine WORKSTATION5 communications --direction Outgoing --top 10 --period all --format json",
                "th machine WORKSTATION5 registry --operation modify --histogram day:ParentFilename:3 --period all",
                "th machine WORKSTATION5 events --by type --period 2020-10-23",
                "th machine WORKSTATION5 first_seen");
    }

    @Override
    String method() {
        return method;
    }

    @Override
    Machine target(TH th) {
        return Targets.machine(th, client, machine, seeMachines());
    }

    @Override
    String span(Machine m) {
        return MachineMethods.span(m);
    }
}
