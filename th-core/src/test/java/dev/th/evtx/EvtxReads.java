package dev.th.evtx;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads an EVTX file or bytes with {@link EvtxReader} and keeps all it reported. */
final class EvtxReads {
    private EvtxReads() {
    }

    /** A reject as reported. */
    record Reject(long offset, long records, String reason) {
    }

    /** A warning as reported. */
    record Warning(long offset, String message) {
    }

    /** Everything one read reported, in order: live records in {@code events}, recovered ones apart. */
    record Result(List<RawEvent> events, List<RawEvent> recovered, List<Reject> rejects, List<Warning> warnings) {
    }

    static Result read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        }
    }

    static Result read(byte[] bytes, String name) throws IOException {
        return read(new ByteArrayInputStream(bytes), name);
    }

    private static Result read(InputStream in, String name) throws IOException {
        Result r = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        new EvtxReader().read(in, name, "0".repeat(64), new EventSink() {
            @Override
            public void accept(RawEvent event) {
                (event.recovered() ? r.recovered() : r.events()).add(event);
            }

            @Override
            public void reject(long offset, long records, String reason) {
                r.rejects().add(new Reject(offset, records, reason));
            }

            @Override
            public void warn(long offset, String message) {
                r.warnings().add(new Warning(offset, message));
            }
        });
        return r;
    }
}
