package dev.th.testing;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.ingest.Format;
import dev.th.ingest.Readers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The live events of a real EVTX file as the ingest's reader gives them (records recovered from
 * slack space left out: Windows exports only the live log); a rejected record fails the caller.
 */
public final class RealEvents {
    private RealEvents() {
    }

    /** The events of a real EVTX file's live records (not those carved from its chunks' slack). */
    public static List<RawEvent> evtx(Path file) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Readers.defaults().get(Format.EVTX).read(in, file.toString(), "x", new EventSink() {
                @Override
                public void accept(RawEvent e) {
                    if (!e.recovered()) {
                        out.add(e);
                    }
                }

                @Override
                public void reject(long offset, long records, String reason) {
                    throw new IllegalStateException(file + ": record at " + offset + " rejected: " + reason);
                }
            });
        }
        return out;
    }
}
