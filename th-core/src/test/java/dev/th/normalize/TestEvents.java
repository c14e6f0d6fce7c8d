package dev.th.normalize;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.json.EvtxDumpJsonReader;
import dev.th.json.JsonLinesReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Real events as the project's readers give them: EVTX files ({@link EvtxReader}), evtx_dump
 * JSON twins ({@link EvtxDumpJsonReader}) and OTRF zips of JSON lines ({@link JsonLinesReader}).
 * A record the reader rejects fails the calling test.
 */
final class TestEvents {
    private TestEvents() {
    }

    static List<RawEvent> evtx(Path file) throws IOException {
        return read(new EvtxReader(), file);
    }

    /** Windows event XML ({@code <Events>} of {@code <Event>}s) from a test resource. */
    static List<RawEvent> xmlResource(String name) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        try (InputStream in = TestEvents.class.getResourceAsStream(name)) {
            new dev.th.xml.WindowsXmlReader().read(in, name, "test", collector(out, name));
        }
        return out;
    }

    static List<RawEvent> evtxDumpJson(Path file) throws IOException {
        return read(new EvtxDumpJsonReader(), file);
    }

    /** Every event of every member of a zip of JSON lines, members in zip order. */
    static List<RawEvent> otrfZip(Path zip) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        JsonLinesReader reader = new JsonLinesReader();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    reader.read(new FilterInputStream(in) {
                        @Override
                        public void close() {
                        }
                    }, zip + "!" + entry.getName(), "test", collector(out, zip + "!" + entry.getName()));
                }
            }
        }
        return out;
    }

    private static List<RawEvent> read(EventReader reader, Path file) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            reader.read(in, file.toString(), "test", collector(out, file.toString()));
        }
        return out;
    }

    private static EventSink collector(List<RawEvent> out, String where) {
        return new EventSink() {
            @Override
            public void accept(RawEvent event) {
                if (!event.recovered()) { // the live records; recovered ones are tested in dev.th.evtx
                    out.add(event);
                }
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new AssertionError(where + " @" + offset + ": " + reason);
            }
        };
    }
}
