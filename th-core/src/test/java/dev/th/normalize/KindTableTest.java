package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.Kind;
import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped kind lists are valid and say what the public lists say; kinds of real and renamed binaries. */
class KindTableTest {
    private static final KindTable T = KindTable.standard();

    @Test
    void shippedPublicLists_areTheSharedDataFilesUnchanged_withTheirLicences() throws IOException {
        for (String f : List.of("lolbas.tsv", "lolrmm.tsv", "attack-tools.tsv")) {
            Path shared = SharedData.require("knowledge/" + f);
            try (InputStream in = KindTable.class.getResourceAsStream(KindTable.DIR + f)) {
                assertTrue(Arrays.equals(Files.readAllBytes(shared), in.readAllBytes()), f + " differs from " + shared);
            }
        }
        for (String f : List.of("LOLBAS.LICENSE.GPL-3.0.txt", "LOLRMM.LICENSE.Apache-2.0.txt", "MITRE-ATTACK.LICENSE.txt")) {
            try (InputStream in = KindTable.class.getResourceAsStream(KindTable.DIR + f)) {
                assertTrue(in != null && in.readAllBytes().length > 1000, f + " must ship beside the lists");
            }
        }
    }

    @Test
    void ownList_isValid_andItsAttackToolsExist() {
        Map<String, String> tools = new HashMap<>();
        for (String[] r : KindTable.rows("attack-tools.tsv", 2)) {
            tools.put(r[0], r[1]);
        }
        assertEquals(91, tools.size()); // MANIFEST.md: 91 ATT&CK tools
        Set<String> seen = new HashSet<>();
        Set<String> allowed = Set.of("interpreter", "admintool", "hackingtool", "-remoteaccess");
        for (String[] r : KindTable.rows("kinds.tsv", 3)) {
            assertTrue(allowed.contains(r[1]), "kinds.tsv: unknown kind " + r[1] + " of " + r[0]);
            assertEquals(r[0].toLowerCase(), r[0], "kinds.tsv names are lower case: " + r[0]);
            assertTrue(r[0].indexOf('.') > 0, "kinds.tsv: not a file name: " + r[0]);
            assertTrue(seen.add(r[0] + "\t" + r[1]), "kinds.tsv: twice: " + r[0] + " " + r[1]);
            assertTrue(!r[2].isBlank(), "kinds.tsv: no source for " + r[0]);
            if (r[2].matches("S\\d{4} .*")) {
                String id = r[2].substring(0, 5);
                assertEquals(tools.get(id), r[2].substring(6), "kinds.tsv: " + r[0] + " names ATT&CK tool " + id);
            }
        }
        for (String[] r : KindTable.rows("lolbas.tsv", 2)) {
            assertTrue(r[0].indexOf('.') > 0, "lolbas.tsv: not a file name: " + r[0]);
        }
        assertEquals(243, KindTable.rows("lolbas.tsv", 2).size());
        assertEquals(317, KindTable.rows("lolrmm.tsv", 2).size());
    }

    @Test
    void aBinaryCanHaveSeveralKinds_inKindOrder() {
        assertEquals("interpreter,admintool", T.kinds("C:\\Windows\\System32\\mshta.exe", null)); // and LOLBAS
        assertEquals("interpreter,admintool", T.kinds("CMD.EXE", null)); // ATT&CK S0106 and LOLBAS
        assertEquals("interpreter", T.kinds("python.exe", null));
        assertEquals("remoteaccess", T.kinds("C:\\Program Files\\AnyDesk\\AnyDesk.exe", null));
        assertEquals("remoteaccess,admintool", T.kinds("psexec.exe", null)); // lolrmm lists PsExec too
        assertEquals("hackingtool", T.kinds("mimikatz.exe", null));
        assertEquals("admintool", T.kinds("rundll32.exe", null));
        assertNull(T.kinds("notepad.exe", null));
        assertNull(T.kinds("client.exe", null), "lolrmm's generic names are taken out");
        assertNull(T.kinds("dwm.exe", null));
    }

    @Test
    void renamedBinary_keepsItsKind_throughOriginalFileName() throws IOException {
        RawEvent e = Normalizer_EventsTest.regression("proc_creation_win_renamed_binary_highly_relevant");
        assertEquals("renamed-wscript.exe", KindTable.name(e.field("Image")));
        assertEquals("wscript.exe", e.field("OriginalFileName"));
        CanonicalEvent row = new Normalizer().normalize(e, "c");
        assertEquals("interpreter,admintool", row.get(Column.Kind)); // Windows Script Host, and LOLBAS's Wscript.exe
        assertNull(new Normalizer(false).normalize(e, "c").get(Column.Kind));
        assertEquals(T.kinds(e.field("ParentImage"), null), row.get(Column.ParentKind));

        RawEvent netsh = Normalizer_EventsTest.regression("proc_creation_win_renamed_binary");
        assertEquals("renamed-netsh.exe", KindTable.name(netsh.field("Image")));
        assertEquals("admintool", new Normalizer().normalize(netsh, "c").get(Column.Kind));
    }

    @Test
    void namesOfAKind() {
        List<String> interpreters = T.names(Kind.INTERPRETER);
        assertTrue(interpreters.containsAll(List.of("cmd.exe", "powershell.exe", "pwsh.exe", "wscript.exe", "mshta.exe")));
        assertTrue(T.names(Kind.REMOTEACCESS).contains("anydesk.exe"));
    }
}
