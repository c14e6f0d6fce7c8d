package dev.th.sim;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.ingest.Readers;
import dev.th.ingest.Source;
import dev.th.ingest.SourceVisitor;
import dev.th.ingest.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real events the fleet replays: every event of the given folders (EVTX files, JSON files,
 * zips) read with the project's own readers, as one time-ordered log per (input, computer).
 * The largest log is the "day" the fleet replays in windows; the small ones (attack samples)
 * are dropped whole into some machine days.
 */
public final class FleetTemplates {
    /** One source's events for one computer, in time order. */
    public record Log(String name, List<RawEvent> events) {
    }

    private final List<Log> logs;
    private final long events;

    private FleetTemplates(List<Log> logs) {
        this.logs = logs;
        long n = 0;
        for (Log l : logs) {
            n += l.events().size();
        }
        this.events = n;
    }

    /** Reads every event under {@code paths}; inputs that are not events (Zeek, YAML) are skipped. */
    public static FleetTemplates read(List<Path> paths) {
        Map<String, List<RawEvent>> byLog = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        new Sources().forEach(paths, new SourceVisitor() {
            @Override
            public void source(Source s) throws IOException {
                String file = s.displayPath().substring(s.displayPath().lastIndexOf('/') + 1);
                s.read(Readers.defaults(), new EventSink() {
                    @Override
                    public void accept(RawEvent e) {
                        if (e.time() != null && e.computer() != null) {
                            byLog.computeIfAbsent(file + " | " + e.computer(), k -> new ArrayList<>()).add(e);
                        }
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                        problems.add(s.displayPath() + " @" + offset + ": " + reason);
                    }
                });
            }

            @Override
            public void skipped(String displayPath, String reason) {
                // Zeek logs and YAML metadata sit beside the events: not templates
            }
        });
        List<Log> logs = new ArrayList<>();
        for (Map.Entry<String, List<RawEvent>> e : byLog.entrySet()) {
            List<RawEvent> ev = new ArrayList<>(e.getValue());
            ev.sort(Comparator.comparing(RawEvent::time));
            logs.add(new Log(e.getKey(), List.copyOf(ev)));
        }
        logs.sort(Comparator.comparingInt((Log l) -> l.events().size()).reversed());
        if (logs.isEmpty()) {
            throw new IllegalStateException("no event found under " + paths + (problems.isEmpty() ? "" : ": " + problems));
        }
        return new FleetTemplates(logs);
    }

    /** The largest log: replayed in windows to fill machine days. */
    public Log main() {
        return logs.get(0);
    }

    /** The other logs (attack samples), dropped whole into some days. */
    public List<Log> extras() {
        return logs.subList(1, logs.size());
    }

    public long eventCount() {
        return events;
    }

    public List<Log> logs() {
        return logs;
    }
}
