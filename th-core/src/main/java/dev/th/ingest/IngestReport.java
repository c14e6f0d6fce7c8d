package dev.th.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What became of every input of one ingest, in the order they were met. */
public record IngestReport(List<InputReport> files) {

    public IngestReport {
        files = List.copyOf(files);
    }

    public long read() {
        return files.stream().mapToLong(InputReport::read).sum();
    }

    public long stored() {
        return files.stream().mapToLong(InputReport::stored).sum();
    }

    public long rejected() {
        return files.stream().mapToLong(InputReport::rejected).sum();
    }

    public long duplicates() {
        return files.stream().mapToLong(InputReport::duplicates).sum();
    }

    /** Records carved from outside a live region, over all inputs (part of {@link #read}). */
    public long recovered() {
        return files.stream().mapToLong(InputReport::recovered).sum();
    }

    public long bytes() {
        return files.stream().mapToLong(InputReport::size).sum();
    }

    /** Decoded records per {@code Channel|EventID} over all inputs. */
    public Map<String, Long> byEventId() {
        Map<String, Long> all = new TreeMap<>();
        for (InputReport f : files) {
            f.byEventId().forEach((k, v) -> all.merge(k, v, Long::sum));
        }
        return all;
    }

    /** True when every input was read whole: nothing rejected, no input unreadable. */
    public boolean allRead() {
        return files.stream().noneMatch(InputReport::hasRejects);
    }
}
