package dev.th.cli;

import dev.th.store.AllowEntries;
import dev.th.store.DuckDbStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th allow add|remove|list}: the user's allow list, per client, kept in the store. */
@Command(name = "allow", mixinStandardHelpOptions = true,
        description = {"The allow list: binaries you know and accept, per client, by file name, path, MD5 or signer",
            "(compared ignoring case). Questions read it when asked: --kind userallowed lists what it allows, and",
            "--exclude-allowed leaves allowed binaries out of an answer (with --kind admintool: the admin tools",
            "you have not allowed). See docs/attributes.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  th allow add --name PsExec64.exe --note 'IT uses it'", "  th allow add --client acme --signer 'Microsoft Windows'",
            "  th allow list", "  th allow remove --md5 289684eb9fa3cbd200f4440b6399ff11",
            "  th client default executions --kind admintool --exclude-allowed --period all"},
        subcommands = {AllowCommand.Add.class, AllowCommand.Remove.class, AllowCommand.ListEntries.class})
public final class AllowCommand {

    /** Exactly one way of naming the binary. */
    static final class Target {
        @Option(names = "--name", paramLabel = "FILE", description = "A file name (tool.exe).")
        String name;
        @Option(names = "--path", paramLabel = "PATH", description = "A full path (C:\\Tools\\tool.exe).")
        String path;
        @Option(names = "--md5", paramLabel = "MD5", description = "An MD5 (32 hex digits).")
        String md5;
        @Option(names = "--signer", paramLabel = "TEXT", description = "A signer, as image loads and drivers log it (Signature).")
        String signer;

        AllowEntries.By by() {
            return name != null ? AllowEntries.By.NAME : path != null ? AllowEntries.By.PATH
                    : md5 != null ? AllowEntries.By.MD5 : AllowEntries.By.SIGNER;
        }

        String value() {
            return name != null ? name : path != null ? path : md5 != null ? md5 : signer;
        }
    }

    abstract static class Change implements Callable<Integer> {
        @Mixin
        DataDir db;
        @Option(names = "--client", paramLabel = "ID", defaultValue = "default", description = "The client. Default: ${DEFAULT-VALUE}")
        String client;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;
        @Spec
        CommandSpec spec;

        abstract boolean change(AllowEntries entries, AllowEntries.By by, String value);

        abstract String done(boolean changed);

        @Override
        public Integer call() {
            try (DuckDbStore store = db.existing(db.noStoreIngestFirst())) {
                AllowEntries.By by = target.by();
                boolean changed;
                try {
                    changed = change(new AllowEntries(store), by, target.value());
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("th allow: " + e.getMessage());
                    return 2;
                }
                spec.commandLine().getOut().println(done(changed) + ": " + by.label() + " " + target.value().trim()
                        + " (client " + client + ")");
                return 0;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a binary to a client's allow list.",
            footerHeading = "%nExamples:%n", footer = {"  th allow add --name PsExec64.exe", "  th allow add --path 'C:\\Tools\\nc.exe' --client acme"})
    static final class Add extends Change {
        @Option(names = "--note", paramLabel = "TEXT", description = "Why it is allowed (kept beside the entry).")
        String note;

        @Override
        boolean change(AllowEntries entries, AllowEntries.By by, String value) {
            return entries.add(client, by, value, note);
        }

        @Override
        String done(boolean changed) {
            return changed ? "allowed" : "already allowed";
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a binary from a client's allow list.",
            footerHeading = "%nExamples:%n", footer = {"  th allow remove --name PsExec64.exe"})
    static final class Remove extends Change {
        @Override
        boolean change(AllowEntries entries, AllowEntries.By by, String value) {
            return entries.remove(client, by, value);
        }

        @Override
        String done(boolean changed) {
            return changed ? "removed" : "was not on the allow list";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the allow list (of one client with --client).",
            footerHeading = "%nExamples:%n", footer = {"  th allow list", "  th allow list --client acme"})
    static final class ListEntries implements Callable<Integer> {
        @Mixin
        DataDir db;
        @Option(names = "--client", paramLabel = "ID", description = "Only this client's entries.")
        String client;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (DuckDbStore store = db.existing(db.noStoreIngestFirst())) {
                List<AllowEntries.Entry> entries = new AllowEntries(store).list(client);
                if (entries.isEmpty()) {
                    spec.commandLine().getErr().println("the allow list" + (client == null ? "" : " of client " + client)
                            + " is empty ('th allow add --name FILE' adds to it)");
                }
                for (AllowEntries.Entry e : entries) {
                    out.println(e.client() + "\t" + e.by().label() + "\t" + e.value() + (e.note() == null ? "" : "\t" + e.note()));
                }
                return 0;
            }
        }
    }
}
