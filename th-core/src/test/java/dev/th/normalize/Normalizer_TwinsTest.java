package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The same events from an EVTX file and from its evtx_dump JSON twin (GUIDs {lower} there and
 * UPPER here, numbers as text there and JSON numbers here) give the same canonical row: every
 * column but those naming the source and the Fields text.
 */
class Normalizer_TwinsTest {
    static final Set<Column> SOURCE_SPECIFIC = EnumSet.of(Column.RecordId, Column.SourceHash, Column.SourcePath,
            Column.SourceOffset, Column.Fields);

    @Test
    void evtxAndJsonTwinsNormalizeEqual() throws IOException {
        Normalizer n = new Normalizer();
        Path root = SharedData.require("sigma-regression");
        int pairs = 0;
        int rows = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                List<RawEvent> evtx = TestEvents.evtx(Normalizer_EventsTest.pairFile(name, ".evtx"));
                List<RawEvent> json = TestEvents.evtxDumpJson(Normalizer_EventsTest.pairFile(name, ".json"));
                assertEquals(evtx.size(), json.size(), name);
                for (int i = 0; i < evtx.size(); i++) {
                    CanonicalEvent a = n.normalize(evtx.get(i), "default");
                    CanonicalEvent b = n.normalize(json.get(i), "default");
                    for (Column c : Column.values()) {
                        if (!SOURCE_SPECIFIC.contains(c)) {
                            assertEquals(a.get(c), b.get(c), name + " event " + i + " column " + c);
                        }
                    }
                    rows++;
                }
                pairs++;
            }
        }
        assertEquals(94, pairs);
        System.out.println("EVTX/JSON twins: " + pairs + " pairs, " + rows + " rows equal");
    }
}
