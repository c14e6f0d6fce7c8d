package dev.th.ingest;

import dev.th.event.EventReader;
import dev.th.evtx.EvtxReader;
import java.util.Map;

/** The reader of each {@link Format}: TH's own EVTX parser and JSON readers. */
public final class Readers {
    private Readers() {
    }

    /** A reader for every format (readers are stateless: one instance serves every input and thread). */
    public static Map<Format, EventReader> defaults() {
        Map<Format, EventReader> readers = Sources.jsonReaders();
        readers.put(Format.EVTX, new EvtxReader());
        return readers;
    }
}
