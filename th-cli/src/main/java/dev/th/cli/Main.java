package dev.th.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code th} command: one subcommand per job, each in its own class. */
@Command(name = "th",
        mixinStandardHelpOptions = true,
        version = "TH for Java 0.1.0",
        description = "Threat hunting over Windows event logs: ingest EVTX/JSON into a store, then ask questions.",
        subcommands = {CommandLine.HelpCommand.class,
                QuickstartCommand.class,
                IngestCommand.class,
                CarveCommand.class,
                MachinesCommand.class,
                MachineCommand.class,
                ProcessCommand.class,
                ClientCommand.class,
                UserCommand.class,
                FileCommand.class,
                HuntCommand.class,
                RulesCommand.class,
                IoaCommand.class,
                IocCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line (also used by tests). Exit codes: a command's own, 1 for a bad
     * command line or an error a command throws (one line "th COMMAND: message", no stack trace);
     * the question commands (machine, process, client, user, file) exit 2 for a bad command line.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof AskCommand<?> ask) {
                sub.getCommandSpec().usageMessage().width(120).footer(ask.footer());
            }
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("th: " + ex.getMessage() + " (try `" + c.getCommandSpec().qualifiedName() + " --help`)");
            return c.getCommand() instanceof AskCommand<?> ? 2 : 1;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }
}
