package dev.th.ingest;

import dev.th.event.EventReader;
import java.util.EnumMap;
import java.util.Map;

/** The reader of each {@link Format}: TH's own EVTX parser and JSON readers. */
public final class Readers {
    private static final Map<Format, String> CLASSES = Map.of(
            Format.EVTX, "dev.th.evtx.EvtxReader",
            Format.JSON_LINES, "dev.th.json.JsonLinesReader",
            Format.EVTX_DUMP_JSON, "dev.th.json.EvtxDumpJsonReader");

    private Readers() {
    }

    /**
     * A reader for every format whose reader is on the class path (readers are stateless: one
     * instance serves every input and thread).
     */
    public static Map<Format, EventReader> defaults() {
        Map<Format, EventReader> readers = new EnumMap<>(Format.class);
        CLASSES.forEach((format, name) -> {
            try {
                Object r = Class.forName(name).getConstructor().newInstance();
                readers.put(format, (EventReader) r);
            } catch (ReflectiveOperationException | LinkageError e) {
                // not on the class path: inputs of this format are reported as unreadable
            }
        });
        return readers;
    }
}
