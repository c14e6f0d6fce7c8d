package dev.th.cli;

import dev.th.Client;
import dev.th.TH;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code th client ID METHOD}: a client's machines, lookups across them, and fleet-wide questions. */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ask a client (ingest's --client, `default` unless given) about all its machines.")
public final class ClientCommand extends AskCommand<Client> {
    @Parameters(index = "0", paramLabel = "ID", description = "The client id")
    String id;

    @Parameters(index = "1", paramLabel = "METHOD", description = "One of the methods below")
    String method;

    public ClientCommand() {
        super(() -> ClientMethods.TABLE,
                "th client default machines",
                "th client default machines --file lsass.exe",
                "th client default executions --command comsvcs --period all",
                "th client default communications --iptype Public --top 20 --period 30d");
    }

    @Override
    String method() {
        return method;
    }

    @Override
    Client target(TH th) {
        return Targets.client(th, id);
    }

    @Override
    String span(Client c) {
        return "client " + c.id() + " has events " + MachineMethods.fromTo(c.machines());
    }
}
