package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th allow} on the real PsExec sample: its one Sysmon 1 of C:\TOOLS\PsExec64.exe (MD5
 * 9321c107d1f7e336cda550a2bf049108, read from the record) is an admin tool until allowed, then
 * {@code --kind userallowed} and not {@code --exclude-allowed}; removing it undoes both.
 */
class AllowCommandTest {
    static final String PSEXEC = "evtx/evtx-to-mitre-attack/EVTX_full_APT_attack_steps/ID11_13_17_18-PSexec_as_system_execution.evtx";

    @TempDir
    Path dir;

    private Run ask(String... more) {
        String[] base = {"client", "default", "executions", "--db", dir.toString(), "--period", "all", "--operation", "create",
            "--format", "csv"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Run.th(all);
    }

    private static long rowsNaming(Run r, String name) {
        return r.out().lines().skip(1).filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains(name)).count();
    }

    @Test
    void addListExcludeRemove() {
        Run ingest = Run.th("ingest", "--db", dir.toString(), SharedData.require(PSEXEC).toString());
        assertEquals(0, ingest.exit(), ingest::toString);
        assertEquals(1, rowsNaming(ask("--kind", "admintool"), "psexec64.exe"));
        Run empty = ask("--kind", "userallowed");
        assertTrue(empty.err().contains("the allow list is empty"), empty::toString);

        Run add = Run.th("allow", "add", "--db", dir.toString(), "--md5", "9321C107D1F7E336CDA550A2BF049108", "--note", "IT");
        assertEquals(0, add.exit(), add::toString);
        Run list = Run.th("allow", "list", "--db", dir.toString());
        assertEquals("default\tmd5\t9321c107d1f7e336cda550a2bf049108\tIT", list.out().strip(), list::toString);
        Run allowed = ask("--kind", "userallowed");
        assertEquals(1, allowed.out().lines().count() - 1, allowed::toString);
        assertEquals(1, rowsNaming(allowed, "psexec64.exe"));
        assertEquals(0, rowsNaming(ask("--kind", "admintool", "--exclude-allowed"), "psexec64.exe"));
        // another client's list does not apply
        assertEquals(0, Run.th("allow", "add", "--db", dir.toString(), "--client", "acme", "--name", "cmd.exe").exit());
        assertEquals(2, ask("--kind", "userallowed").out().lines().count()); // still the header and PsExec64.exe

        Run bad = Run.th("allow", "add", "--db", dir.toString(), "--md5", "xyz");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("not an MD5"), bad::toString);

        assertEquals(0, Run.th("allow", "remove", "--db", dir.toString(), "--md5", "9321c107d1f7e336cda550a2bf049108").exit());
        assertEquals(1, rowsNaming(ask("--kind", "admintool", "--exclude-allowed"), "psexec64.exe"));
        assertEquals(1, ask("--kind", "userallowed").out().lines().count()); // the header alone
    }
}
