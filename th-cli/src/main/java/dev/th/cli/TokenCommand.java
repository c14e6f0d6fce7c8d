package dev.th.cli;

import dev.th.server.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code th token}: API tokens of {@code th serve} (stored hashed in DIR/tokens.json). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Create, list or revoke API tokens of th serve (each scoped to clients and a role).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class},
        footerHeading = "%nExamples:%n",
        footer = {"  th token create --db th-data --client acme --role read", "  th token list --db th-data",
                "  th token revoke --db th-data 1a2b3c4d"})
public final class TokenCommand {

    /** {@code th token create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token; it is printed once and stored hashed.",
            footerHeading = "%nExamples:%n", footer = {"  th token create --db th-data --client acme beta --role triage --days 7"})
    static final class Create implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Spec
        CommandSpec spec;

        @Option(names = "--client", paramLabel = "ID", required = true, arity = "1..*", description = "Clients the token may read.")
        List<String> clients;

        @Option(names = "--role", paramLabel = "R", defaultValue = "read",
                description = "read, triage (IoA status), ingest or admin. Default: ${DEFAULT-VALUE}")
        String role;

        @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "Lifetime in days. Default: ${DEFAULT-VALUE}")
        int days;

        @Override
        public Integer call() {
            if (days < 1) {
                throw new IllegalArgumentException("--days must be 1 or more");
            }
            spec.commandLine().getOut().println(new Tokens(db.path()).create(clients, role, Duration.ofDays(days)));
            return 0;
        }
    }

    /** {@code th token list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens (id, clients, role, expiry; never the token).",
            footerHeading = "%nExamples:%n", footer = {"  th token list --db th-data"})
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<Tokens.Entry> all = new Tokens(db.path()).list();
            if (all.isEmpty()) {
                spec.commandLine().getErr().println("th token list: no tokens in " + db.path() + " (th token create --client ID)");
            }
            for (Tokens.Entry e : all) {
                spec.commandLine().getOut().printf("%s  %-7s %s  expires %s%n", e.id(), e.role(), String.join(",", e.clients()), e.expires());
            }
            return 0;
        }
    }

    /** {@code th token revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id (th token list).",
            footerHeading = "%nExamples:%n", footer = {"  th token revoke --db th-data 1a2b3c4d"})
    static final class Revoke implements Callable<Integer> {
        @Mixin
        DataDir db;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            if (!new Tokens(db.path()).revoke(id)) {
                throw new IllegalArgumentException("no token with id " + id + " (th token list)");
            }
            spec.commandLine().getOut().println("revoked " + id);
            return 0;
        }
    }
}
