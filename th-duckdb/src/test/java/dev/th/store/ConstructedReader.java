package dev.th.store;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reader of test-constructed events: emits {@code count} Sysmon 1 events with record ids
 * {@code ids[i]} (or 1..count), on machine {@code computer}; optionally fails after
 * {@code failAfter} events, or halts the JVM there (a crash).
 */
final class ConstructedReader implements EventReader {
    static final Instant T0 = Instant.parse("2024-03-01T10:15:30.123456Z");

    private final long[] ids;
    private final String computer;
    private int failAfter = -1;
    private boolean halt;
    private long rejectAt = -1;

    ConstructedReader(int count, String computer) {
        this.ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = i + 1;
        }
        this.computer = computer;
    }

    ConstructedReader(long[] ids, String computer) {
        this.ids = ids.clone();
        this.computer = computer;
    }

    ConstructedReader failAfter(int n) {
        this.failAfter = n;
        return this;
    }

    ConstructedReader haltAfter(int n) {
        this.failAfter = n;
        this.halt = true;
        return this;
    }

    /** Reports a damaged record at this byte offset after the first event. */
    ConstructedReader rejectAt(long offset) {
        this.rejectAt = offset;
        return this;
    }

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException {
        for (int i = 0; i < ids.length; i++) {
            if (i == failAfter) {
                if (halt) {
                    Runtime.getRuntime().halt(3);
                }
                throw new IOException("stream broken at record " + ids[i]);
            }
            sink.accept(event(path, contentHash, ids[i], i));
            if (i == 0 && rejectAt >= 0) {
                sink.reject(rejectAt, 1, "bad record checksum");
            }
        }
    }

    private RawEvent event(String path, String hash, long id, int i) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("EventID", "1");
        fields.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        fields.put("Computer", computer);
        fields.put("Image", "C:\\Windows\\System32\\cmd.exe");
        fields.put("CommandLine", "cmd.exe /c echo " + id);
        return new RawEvent(new SourceRef(path, hash, 4096L + 512L * i), id, T0.plusSeconds(i),
                "Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", 1, computer, fields);
    }
}
