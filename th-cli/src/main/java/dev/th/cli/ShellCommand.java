package dev.th.cli;

import dev.th.TimePeriod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code th shell}: JShell with TH's API imported and a session {@code th} open on the data
 * directory, and {@code machine(..)}, {@code client(..)}, {@code user(..)}, {@code file(..)},
 * {@code process(..)}, {@code machines()} at hand; answers print as tables.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"JShell with TH's API imported and a session `th` open on the store: type Java, see answers as tables.",
                "At hand: machine(NAME), client(ID), user(NAME), file(MD5|PATH|NAME), process(GUID), machines(), th (the TH session)."},
        footerHeading = "%nExamples:%n",
        footer = {"  th shell --db th-data",
                "  th shell --db th-data --period 2020-10-18..2020-10-23",
                "    jshell> machine(\"WORKSTATION5\").executions().command(\"comsvcs\").fetch()",
                "    jshell> client(\"default\").machines().fetch()",
                "    jshell> /exit"})
public final class ShellCommand implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "all",
            description = "The session's default period: all, today, Nd (e.g. 7d), YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD. Default: ${DEFAULT-VALUE}"
                    + " (a shell explores old logs; the seed's own default is today)")
    String period;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!db.hasStore()) {
            throw new IllegalArgumentException(db.noStoreIngestFirst());
        }
        try {
            TimePeriod.parse(period);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--period: " + e.getMessage());
        }
        Path startup = Files.createTempFile("th-shell-", ".jsh");
        try {
            Files.writeString(startup, startup(db.path().toAbsolutePath(), period), StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("TH shell on " + db.path() + " (period " + period
                    + "): machine(\"NAME\").executions().fetch(), /help, /exit");
            spec.commandLine().getErr().flush();
            return JavaShellToolBuilder.builder().persistence(new HashMap<>()).start("--execution", ShellExecution.NAME,
                    "--class-path", System.getProperty("java.class.path"),
                    "--startup", "DEFAULT", "--startup", startup.toString());
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    /** The snippets run when the shell starts. */
    static String startup(Path store, String period) throws IOException {
        return String.join("\n", List.of(
                "import dev.th.*;",
                "import dev.th.File;",
                "import dev.th.Process;",
                "import dev.th.export.*;",
                "import java.time.*;",
                "TH th = TH.open(Path.of(" + literal(store.toString()) + "));",
                "th.defaultPeriod(TimePeriod.parse(" + literal(period) + "));",
                "Machine machine(String nameOrMuid) { return th.machine(nameOrMuid); }",
                "Client client(String id) { return th.client(id); }",
                "User user(String name) { return th.user(name); }",
                "File file(String md5OrPathOrName) { return th.file(md5OrPathOrName); }",
                "Process process(String guid) { return th.process(guid); }",
                "Hits<Machine> machines() { return th.machines(); }",
                ""));
    }

    /** {@code s} as a Java string literal. */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
