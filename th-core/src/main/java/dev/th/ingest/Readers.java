package dev.th.ingest;

import dev.th.event.EventReader;
import dev.th.evtx.EvtxReader;
import dev.th.xml.WindowsXmlReader;
import java.util.Map;

/** The reader of each {@link Format}: TH's own EVTX parser, JSON and XML readers. */
public final class Readers {
    private Readers() {
    }

    /**
     * A reader for every format (readers are stateless: one instance serves every input and
     * thread). Every reader's events pass through {@link PositionalNames}, which names the values
     * that came by position only (Get-WinEvent's Properties, unnamed Data).
     */
    public static Map<Format, EventReader> defaults() {
        Map<Format, EventReader> readers = Sources.jsonReaders();
        readers.put(Format.EVTX, new EvtxReader());
        readers.put(Format.WINDOWS_XML, new WindowsXmlReader());
        EventDataNames names = EventDataNames.standard();
        readers.replaceAll((format, reader) -> new PositionalNames(reader, names));
        return readers;
    }
}
