package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import dev.th.testing.WindowsExports;
import dev.th.testing.WindowsExports.PowerShell;
import dev.th.testing.WindowsExports.XmlForm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exports responders are handed, made from the real EVTX files of ../shared/data (see
 * {@link WindowsExports}), read back through the ingest's own path (format from the content,
 * {@link Readers#defaults}) and normalized: every event gives the row its EVTX record gives,
 * column by column (but where it came from, and Fields, which the exports spell in their own
 * way), and the same EventData names and values.
 */
class Exports_SameRowsTest {
    /** Columns that say where a row was read, not what happened. */
    private static final Set<Column> SOURCE = EnumSet.of(Column.SourceHash, Column.SourcePath, Column.SourceOffset,
            Column.Fields);

    @TempDir
    Path tmp;

    private record Export(String name, Format format, byte[] bytes, boolean millisOnly, boolean xml) {
    }

    private static List<Export> exports(List<RawEvent> events) {
        return List.of(
                new Export("wevtutil.xml (bare, UTF-8)", Format.WINDOWS_XML,
                        WindowsExports.xml(events, new XmlForm(false, false, false)).getBytes(StandardCharsets.UTF_8),
                        false, true),
                new Export("saved.xml (Events, UTF-16LE with BOM)", Format.WINDOWS_XML,
                        WindowsExports.utf16le(WindowsExports.xml(events, new XmlForm(true, false, false))), false, true),
                new Export("forwarded.xml (RenderingInfo, unnamed Data, UTF-8 with BOM)", Format.WINDOWS_XML,
                        withUtf8Bom(WindowsExports.xml(events, new XmlForm(false, true, true))), false, true),
                new Export("ps51.json (Windows PowerShell 5.1, UTF-16LE with BOM)", Format.JSON_ARRAY,
                        WindowsExports.utf16le(WindowsExports.getWinEventJson(events, PowerShell.WINDOWS_5_1)), true, false),
                new Export("ps7.json (PowerShell 7, UTF-8)", Format.JSON_ARRAY,
                        WindowsExports.getWinEventJson(events, PowerShell.CORE_7).getBytes(StandardCharsets.UTF_8),
                        false, false));
    }

    private static byte[] withUtf8Bom(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(b, 0, out, 3, b.length);
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyExportGivesTheEvtxRows() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path evtx : ExportReads.realEvtxFiles()) {
            ExportReads fromEvtx = ExportReads.of(evtx);
            List<RawEvent> live = fromEvtx.live();
            for (Export x : exports(live)) {
                tests.add(DynamicTest.dynamicTest(evtx.getFileName() + " as " + x.name(), () -> {
                    assertEquals(List.of(), fromEvtx.rejects);
                    assertFalse(live.isEmpty());
                    Path file = tmp.resolve(evtx.getFileName() + "-" + x.name().replaceAll("[^A-Za-z0-9.]", "_"));
                    Files.write(file, x.bytes());
                    ExportReads got = ExportReads.of(file);
                    assertEquals(List.of(), got.skipped, "the export is recognized");
                    assertEquals(List.of(x.format()), got.formats);
                    assertEquals(List.of(), got.rejects);
                    assertEquals(live.size(), got.events.size(), "events read");
                    for (int i = 0; i < got.events.size(); i++) {
                        sameRow(live.get(i), got.events.get(i), x);
                        sameEventData(live.get(i), got.events.get(i), x, got.warnings);
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static void sameRow(RawEvent evtx, RawEvent export, Export x) {
        Normalizer n = new Normalizer();
        CanonicalEvent want = n.normalize(evtx, "default");
        CanonicalEvent got = n.normalize(export, "default");
        String where = x.name() + ", record " + evtx.recordId();
        for (Column c : Column.values()) {
            if (SOURCE.contains(c) && !(c == Column.Fields && sameFields(x))) {
                continue;
            }
            Object w = want.get(c);
            if (c == Column.DateTime && x.millisOnly()) {
                w = ((Instant) w).truncatedTo(ChronoUnit.MILLIS); // 5.1's \/Date(ms)\/ keeps milliseconds only
            }
            if (x.xml() && w instanceof String s) {
                w = s.replace("\r\n", "\n"); // XML 1.0 reads every line break as LF (section 2.11)
                if (c == Column.Fields) {
                    w = ((String) w).replace("\\r\\n", "\\n"); // the same, escaped in the Fields JSON
                }
            }
            assertEquals(w, got.get(c), where + ": column " + c);
        }
    }

    /**
     * Whether the export spells every field as the EVTX record does, so the Fields column must be
     * the same too: the XML exports that carry the names (not the JSON ones, whose Properties are
     * positional, nor a forwarded export's unnamed Data and RenderingInfo).
     */
    private static boolean sameFields(Export x) {
        return x.xml() && !x.name().contains("unnamed");
    }

    private static void sameEventData(RawEvent evtx, RawEvent export, Export x, List<String> warnings) {
        String where = x.name() + ", record " + evtx.recordId();
        List<Map.Entry<String, String>> data = WindowsExports.eventData(evtx);
        boolean known = EventDataNames.standard().find(evtx.provider(), evtx.eventId(),
                Integer.parseInt(evtx.field("Version")), data.size()) != null;
        boolean positional = x.format() == Format.JSON_ARRAY || x.name().contains("unnamed");
        for (int i = 0; i < data.size(); i++) {
            Map.Entry<String, String> d = data.get(i);
            String name = !positional || known ? d.getKey()
                    : x.format() == Format.JSON_ARRAY ? "Property" + (i + 1) : i == 0 ? "Data" : "Data_" + i;
            String want = x.xml() ? d.getValue().replace("\r\n", "\n") : d.getValue();
            assertEquals(want, export.field(name), where + ": EventData " + d.getKey() + " (read as " + name + ")");
        }
        if (positional && !known && !data.isEmpty() && x.format() == Format.JSON_ARRAY) {
            assertTrue(warnings.stream().anyMatch(w -> w.contains(evtx.provider() + " event " + evtx.eventId())),
                    where + ": no warning about the unnamed Properties of " + evtx.provider() + " " + evtx.eventId()
                            + " in " + warnings);
        }
        if (x.name().contains("RenderingInfo")) {
            assertEquals(WindowsExports.message(evtx).replace("\r\n", "\n"), export.field("Message"), where);
            assertEquals("Information", export.field("RenderingInfo_Level"), where);
            assertEquals("Task " + evtx.field("Task"), export.field("RenderingInfo_Task"), where);
        }
    }
}
