package dev.th.ingest;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the readers of {@link Readers#defaults} make of a file, found the way an ingest finds it. */
final class ExportReads {
    /** The live events (records recovered from slack space are counted in {@link #recovered}). */
    final List<RawEvent> events = new ArrayList<>();
    long recovered;
    final List<String> rejects = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<Format> formats = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();

    /**
     * The events read from the file's live records: what Windows' own export tools list (the
     * records carved from an EVTX file's slack are no part of an export).
     */
    List<RawEvent> live() {
        return events.stream().filter(e -> !e.recovered()).toList();
    }

    static ExportReads of(Path file) {
        ExportReads r = new ExportReads();
        new Sources().forEach(List.of(file), new SourceVisitor() {
            @Override
            public void source(Source s) throws IOException {
                r.formats.add(s.format());
                s.read(Readers.defaults(), new EventSink() {
                    @Override
                    public void accept(RawEvent event) {
                        if (event.recovered()) {
                            r.recovered++;
                        } else {
                            r.events.add(event);
                        }
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                        r.rejects.add(offset + ": " + reason);
                    }

                    @Override
                    public void warn(long offset, String message) {
                        r.warnings.add(offset + ": " + message);
                    }
                });
            }

            @Override
            public void skipped(String displayPath, String reason) {
                r.skipped.add(displayPath + ": " + reason);
            }
        });
        return r;
    }

    /** The real EVTX files of ../shared/data/evtx, in path order. */
    static List<Path> realEvtxFiles() throws IOException {
        Path root = SharedData.require("evtx");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
    }
}
