package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.fixture.Stores;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PowerShell script blocks of the LSASS campaign (MKT01), counted with python3 over the JSON
 * lines: 146 events 4104 under 87 ScriptBlockIds, 30 of them split (MessageTotal 2 to 6), none
 * with a part missing or logged twice; b88f9875-... has 4 parts holding 46,899 characters and
 * 5f80ae8c-... 6 parts holding 57,872.
 */
class Machine_ScriptsOtrfTest {

    @Test
    void campaignBlocks_joinedWhole() {
        try (TH th = Stores.open()) {
            List<Activity> blocks = th.machine("MKT01").scripts().operation("scriptblock").fetch().list();
            assertEquals(87, blocks.size());
            assertEquals(30, blocks.stream().filter(b -> b.number("Total") > 1).count());
            assertEquals(0, blocks.stream().filter(b -> b.get("MissingParts") != null).count());
            assertEquals(146, blocks.stream().mapToLong(b -> b.number("Parts")).sum());
            assertEquals(46_899, length(blocks, "b88f9875-cd27-4370-a460-7e0363067cf4"));
            assertEquals(57_872, length(blocks, "5f80ae8c-bc45-4de3-8ec4-5348726695ce"));
            // 4103 module logging and the classic log beside the blocks: 449 + 2 + 2 + 12 + 456
            assertEquals(921, th.machine("MKT01").scripts().operation("module", "engine-start", "engine-stop", "provider", "pipeline")
                    .fetch().size());
        }
    }

    private static long length(List<Activity> blocks, String id) {
        String text = blocks.stream().filter(b -> id.equals(b.objectName())).findFirst().orElseThrow().commandLine();
        return text.codePointCount(0, text.length());
    }
}
