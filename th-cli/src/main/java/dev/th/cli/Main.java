package dev.th.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code th} command: one subcommand per job, each in its own class. */
@Command(name = "th",
        mixinStandardHelpOptions = true,
        version = "TH for Java 0.1.0",
        description = "Threat hunting over Windows event logs: ingest EVTX/JSON into a store, then ask questions.",
        subcommands = {CommandLine.HelpCommand.class, RulesCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
