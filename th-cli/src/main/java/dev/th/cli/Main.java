package dev.th.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code th} command: one subcommand per job, each in its own class. */
@Command(name = "th",
        mixinStandardHelpOptions = true,
        version = "TH for Java 0.1.0",
        description = "Threat hunting over Windows event logs: ingest EVTX/JSON into a store, then ask questions.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (a question answered, even when empty; all input read)",
                "1:failure (no store, no such machine, a store or file error); a wrong command line of ingest, hunt, ioa, ioc, rules",
                "2:a wrong method, option or value of a question (machine, process, client, user, file);"
                        + " some input rejected (ingest, hunt) or a rule not loaded (rules check): the rest was done"},
        footerHeading = "%nExamples:%n",
        footer = {"  th quickstart", "  th ingest --db th-data ~/cases/host1/", "  th machines --db th-data",
                "  th machine WORKSTATION5 executions --command comsvcs --period all",
                "  th hunt --db th-data --rules ~/sigma/rules/windows", "  th ioa list --db th-data --format timesketch > ioas.jsonl",
                "  th COMMAND --help   (every command lists its options and examples)"},
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
                IocCommand.class,
                ReportCommand.class,
                StoreCommand.class,
                AllowCommand.class,
                GeoipCommand.class,
                LakeCommand.class,
                ShellCommand.class,
                ServeCommand.class,
                TokenCommand.class,
                SimulateCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that
     * subcommand is built (building all of them, with their method tables, is most of the start-up
     * time of a question); otherwise, e.g. for {@code th --help} or a mistyped command, all of them.
     */
    static CommandLine commandLine(String[] args) {
        Class<?> sub = args.length == 0 ? null : subcommand(args[0]);
        if (sub == null) {
            return commandLine();
        }
        CommandLine cl = new CommandLine(CommandSpec.wrapWithoutInspection(new Main()).name("th"));
        try {
            cl.addSubcommand(CommandLine.defaultFactory().create(sub));
        } catch (Exception e) {
            return commandLine();
        }
        return configure(cl);
    }

    /** The subcommand class named {@code name} (or one of its aliases) in this class's list, or null. */
    private static Class<?> subcommand(String name) {
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command cmd = c.getAnnotation(Command.class);
            if (c != CommandLine.HelpCommand.class && cmd != null
                    && (cmd.name().equals(name) || java.util.Arrays.asList(cmd.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
    }

    /**
     * The configured command line (also used by tests). Exit codes: a command's own, 1 for a bad
     * command line or an error a command throws (one line "th COMMAND: message", no stack trace);
     * the question commands (machine, process, client, user, file) exit 2 for a bad command line.
     */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    private static CommandLine configure(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Output.Format.class, Output.Format::parse);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof AskCommand<?> ask) {
                sub.getCommandSpec().usageMessage().width(120);
                // the footer lists the methods: rendered when help is shown, not when the command is built
                sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                        help -> String.join(System.lineSeparator(), ask.footer()) + System.lineSeparator());
            }
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                hint = " (did you mean " + u.getSuggestions().get(0) + "?)";
            }
            c.getErr().println("th: " + ex.getMessage() + hint + " (try `" + c.getCommandSpec().qualifiedName() + " --help`)");
            return c.getCommand() instanceof AskCommand<?> ? 2 : 1;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            String held = HeldStore.fault(ex.getMessage()).orElse(null);
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + (held != null ? held
                    : ex.getMessage() == null ? ex.toString() : Suggest.improve(ex.getMessage())));
            return 1;
        });
        return cl;
    }
}
