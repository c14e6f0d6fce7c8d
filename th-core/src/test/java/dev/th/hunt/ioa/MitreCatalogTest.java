package dev.th.hunt.ioa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MitreCatalogTest {

    @Test
    void knowsEveryTechniqueOfTheSharedTable() throws IOException {
        Path tsv = SharedData.require("knowledge/attack-techniques.tsv");
        long rows = Files.readAllLines(tsv).size() - 1;
        assertEquals(rows, MitreCatalog.shared().size());
    }

    @Test
    void tagsBecomeIdsAndNames() {
        String mitre = MitreCatalog.shared().describe(List.of("attack.credential-access", "attack.t1003.001",
                "attack.execution", "attack.T1059.001", "attack.t1003.001", "cve.2021-1234"));
        assertEquals("T1003.001 LSASS Memory; T1059.001 PowerShell", mitre);
    }

    @Test
    void unknownIdsAreKeptAsTheyAre() {
        assertNull(MitreCatalog.shared().name("T1999.999"));
        assertEquals("T1059.001 PowerShell; T1999.999", MitreCatalog.shared().describe(List.of("attack.t1059.001", "attack.t1999.999")));
    }

    @Test
    void noTechniqueNoText() {
        assertEquals("", MitreCatalog.shared().describe(List.of("attack.execution", "attack.g0016", "attack.s0002")));
        assertEquals("", MitreCatalog.shared().describe(null));
    }
}
